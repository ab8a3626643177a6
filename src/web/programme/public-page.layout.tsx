import { Anchor, Box, Container, Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../api/session.api';
import { Icon } from '../components/icons';
import { LanguageSwitcher } from '../components/language-switcher';

/** The frame of the wider public pages (registration, readiness check, the programme), readable without a session. */
export function PublicPageLayout({
  title,
  description,
  children,
  size = 'md',
}: {
  title: string;
  description?: string;
  children: ReactNode;
  size?: 'sm' | 'md' | 'lg';
}) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Box mih="100vh" bg="gray.0">
      <Box
        component="header"
        bg="customs.9"
        c="white"
        py="sm"
        style={{ borderBottom: '4px solid var(--mantine-color-yellow-5)' }}
      >
        <Container size="lg">
          <Group justify="space-between" wrap="wrap">
            <Anchor component={Link} to="/programme" c="white" underline="never">
              <Group gap="xs" wrap="nowrap">
                <Icon name="shield" size={26} />
                <Text fw={700} fz="lg">
                  OpenAEO
                </Text>
              </Group>
            </Anchor>
            <Group gap="md" component="nav" aria-label={t('publicPages.nav')}>
              <Anchor component={Link} to="/programme" c="white" size="sm">
                {t('publicPages.about')}
              </Anchor>
              <Anchor component={Link} to="/readiness" c="white" size="sm">
                {t('publicPages.readiness')}
              </Anchor>
              <Anchor component={Link} to="/register" c="white" size="sm">
                {t('publicPages.register')}
              </Anchor>
              <Anchor
                component={Link}
                to="/aeo-register"
                c="white"
                size="sm"
                data-testid="public-link-aeo-register"
              >
                {t('publicPages.aeoRegister')}
              </Anchor>
              <Anchor component={Link} to="/verify" c="white" size="sm" data-testid="public-link-verify">
                {t('publicPages.verify')}
              </Anchor>
              <Anchor component={Link} to={me.data ? '/' : '/login'} c="white" size="sm" fw={600}>
                {me.data ? t('publicPages.dashboard') : t('publicPages.signIn')}
              </Anchor>
              <LanguageSwitcher />
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size={size} py="xl" component="main">
        <Title order={1} size="h2">
          {title}
        </Title>
        {description ? (
          <Text c="dimmed" mt={4} mb="lg" maw={760}>
            {description}
          </Text>
        ) : (
          <Box mb="lg" />
        )}
        <Paper p={{ base: 'md', sm: 'xl' }} shadow="xs">
          {children}
        </Paper>
      </Container>
    </Box>
  );
}
