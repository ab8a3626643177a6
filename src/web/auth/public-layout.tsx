import { Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icons';
import { LanguageSwitcher } from '../components/language-switcher';
import classes from './public-layout.module.css';

/** The frame of the pages seen without a session: sign-in and accepting an invitation. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={classes.page}>
      <header className={classes.brandPanel}>
        <Group gap="sm" wrap="nowrap">
          <Icon name="shield" size={36} />
          <Text fw={700} fz={28} lh={1}>
            OpenAEO
          </Text>
        </Group>
        <Stack gap="xs" mt="xl" visibleFrom="sm">
          <Text fz="lg" fw={500}>
            {t('public.headline')}
          </Text>
          <Text size="sm" c="customs.1">
            {t('public.description')}
          </Text>
        </Stack>
      </header>
      <main className={classes.formPanel}>
        <Group justify="flex-end" w="100%">
          <LanguageSwitcher />
        </Group>
        <Box className={classes.formBox}>
          <Paper p="xl" shadow="sm">
            <Title order={1} size="h3" mb="lg">
              {title}
            </Title>
            {children}
          </Paper>
          <Text size="xs" c="dimmed" mt="md" ta="center">
            {t('public.notice')}
          </Text>
        </Box>
      </main>
    </div>
  );
}
