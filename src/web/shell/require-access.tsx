import { Container, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../api/session.api';
import { canSee, navItem } from '../navigation';
import type { NavId } from '../navigation';
import { Notice } from '../components/notice';

/** Guards a screen with the same rule that shows or hides its navbar item. The server checks again. */
export function RequireAccess({ id, children }: { id: NavId; children: ReactNode }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (canSee(navItem(id), user)) return <>{children}</>;
  return (
    <Container size="sm" py="xl">
      <Notice tone="warning" role="alert" icon="shield" title={t('errors.forbidden')}>
        <Text size="sm">{t('forbidden.description')}</Text>
      </Notice>
    </Container>
  );
}
