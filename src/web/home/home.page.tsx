import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNotifications } from '../api/notifications.api';
import { useCurrentUser } from '../api/session.api';
import type { Role } from '../api/types';
import { RightBadges } from '../components/badges';
import { DataTable } from '../components/data-table';
import { Icon } from '../components/icons';
import type { IconName } from '../components/icons';
import { PageHeader } from '../components/page-header';
import { useFormatters } from '../i18n/format';
import { visibleNavItems } from '../navigation';
import classes from './home.module.css';
import { Notice } from '../components/notice';

/** Work that later modules bring, announced per role so the dashboard already tells each role its job. */
interface UpcomingModule {
  id: 'applications' | 'validation' | 'decisions';
  icon: IconName;
  roles: readonly Role[];
}

const UPCOMING: readonly UpcomingModule[] = [
  { id: 'applications', icon: 'certificate', roles: ['operator'] },
  { id: 'validation', icon: 'list', roles: ['validator', 'aeo_manager'] },
  { id: 'decisions', icon: 'scale', roles: ['aeo_manager'] },
];

export function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const format = useFormatters();
  const notifications = useNotifications({ unreadOnly: true, poll: true });

  const cards = visibleNavItems(user).filter((item) => item.onHome);
  const upcoming = UPCOMING.filter((module) => module.roles.some((role) => user.roles.includes(role)));
  const primaryRole = (
    ['admin', 'aeo_manager', 'validator', 'risk_analyst', 'agency_officer', 'operator'] as const
  ).find((role) => user.roles.includes(role));

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('home.welcome', { name: user.name })}
        description={primaryRole ? t(`home.roleIntro.${primaryRole}`) : t('home.roleIntro.none')}
      />

      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <SummaryCard label={t('home.summary.unread')}>
          <Text fz={28} fw={700} className="tabular-nums">
            {notifications.data ? format.number(notifications.data.unread) : '—'}
          </Text>
          <Anchor component={Link} to="/notifications" size="sm">
            {t('home.summary.openInbox')}
          </Anchor>
        </SummaryCard>
        <SummaryCard label={t('home.summary.lastLogin')}>
          <Text fz="lg" fw={600} mt={6}>
            {format.dateTime(user.lastLoginAt)}
          </Text>
        </SummaryCard>
        <SummaryCard label={t('home.summary.twoFactor')}>
          <Group mt={6} gap="xs">
            <Badge color={user.totpEnabled ? 'green' : 'yellow'} size="lg">
              {user.totpEnabled ? t('account.totp.enabled') : t('account.totp.disabled')}
            </Badge>
          </Group>
          {!user.totpEnabled ? (
            <Anchor component={Link} to="/account" size="sm" mt={4}>
              {t('home.summary.setUpTwoFactor')}
            </Anchor>
          ) : null}
        </SummaryCard>
      </SimpleGrid>

      {user.operator ? (
        <Notice tone="info" variant="light" icon="briefcase">
          {t('home.operatorContext', { name: user.operator.legalName, taxpayerId: user.operator.taxpayerId })}
        </Notice>
      ) : null}

      {user.actingFor.length > 0 ? (
        <HomeSection id="acting-for-heading" title={t('home.actingFor.title')}>
          <Card padding={0}>
            <DataTable
              rows={user.actingFor}
              minWidth={520}
              columns={(['operator', 'rights', 'validUntil'] as const).map((column) =>
                t(`home.actingFor.${column}`),
              )}
              renderRow={(entry) => (
                <Table.Tr key={entry.operatorId}>
                  <Table.Td>{entry.legalName}</Table.Td>
                  <Table.Td>
                    <RightBadges rights={entry.rights} />
                  </Table.Td>
                  <Table.Td>{format.date(entry.validUntil)}</Table.Td>
                </Table.Tr>
              )}
            />
          </Card>
        </HomeSection>
      ) : null}

      <HomeSection id="home-tasks-heading" title={t('home.tasks')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {cards.map((item) => (
            <Card key={item.id} component={Link} to={item.path} padding="lg" className={classes.linkCard}>
              <TaskTile
                icon={item.icon}
                title={<Text fw={600}>{t(`nav.items.${item.id}.label`)}</Text>}
                description={t(`nav.items.${item.id}.description`)}
              />
            </Card>
          ))}
          {upcoming.map((module) => (
            <Card key={module.id} padding="lg" className={classes.upcomingCard}>
              <TaskTile
                icon={module.icon}
                iconColor="gray"
                title={
                  <Group gap="xs">
                    <Text fw={600}>{t(`home.upcoming.${module.id}.label`)}</Text>
                    <Badge color="gray" size="xs">
                      {t('home.upcoming.badge')}
                    </Badge>
                  </Group>
                }
                description={t(`home.upcoming.${module.id}.description`)}
              />
            </Card>
          ))}
        </SimpleGrid>
      </HomeSection>
    </Stack>
  );
}

/** A part of the dashboard under its level-2 heading, which names the section for screen readers. */
function HomeSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </section>
  );
}

/** One figure of the summary row: a small uppercase label over the figure. */
function SummaryCard({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Card padding="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      {children}
    </Card>
  );
}

/** The inside of a task tile: the module's icon beside its name and what it is for. */
function TaskTile({
  icon,
  iconColor,
  title,
  description,
}: {
  icon: IconName;
  iconColor?: MantineColor;
  title: ReactNode;
  description: string;
}) {
  return (
    <Group wrap="nowrap" align="flex-start">
      <ThemeIcon variant="light" color={iconColor} size="lg" radius="md">
        <Icon name={icon} />
      </ThemeIcon>
      <Stack gap={4}>
        {title}
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      </Stack>
    </Group>
  );
}
