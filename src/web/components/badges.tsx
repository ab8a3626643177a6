import { Badge, Group } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DelegationRight, OperatorRight, OutboxStatus, Role } from '../api/types';

const roleColors: Record<Role, MantineColor> = {
  admin: 'grape',
  aeo_manager: 'customs',
  validator: 'teal',
  risk_analyst: 'orange',
  agency_officer: 'lime',
  operator: 'gray',
};

export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      {roles.map((role) => (
        <Badge key={role} color={roleColors[role]} size="sm">
          {t(`roles.${role}`)}
        </Badge>
      ))}
    </Group>
  );
}

export function RightBadges({ rights }: { rights: readonly (OperatorRight | DelegationRight)[] }) {
  const { t } = useTranslation();
  if (rights.length === 0) return <>{t('common.none')}</>;
  return (
    <Group gap={4} wrap="wrap">
      {rights.map((right) => (
        <Badge key={right} color="customs" variant="outline" size="sm">
          {t(`rights.${right}`)}
        </Badge>
      ))}
    </Group>
  );
}

export type StatusTone = 'active' | 'inactive' | 'warning' | 'danger' | 'info';

const toneColors: Record<StatusTone, MantineColor> = {
  active: 'green',
  inactive: 'gray',
  warning: 'yellow',
  danger: 'red',
  info: 'customs',
};

export function StatusBadge({ tone, label }: { tone: StatusTone; label: string }) {
  return (
    <Badge color={toneColors[tone]} variant="dot" size="md">
      {label}
    </Badge>
  );
}

export function OutboxStatusBadge({ status }: { status: OutboxStatus }) {
  const { t } = useTranslation();
  const tone: Record<OutboxStatus, StatusTone> = { queued: 'info', sent: 'active', failed: 'danger' };
  return <StatusBadge tone={tone[status]} label={t(`outbox.status.${status}`)} />;
}
