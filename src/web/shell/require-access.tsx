import { Alert, Container, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../api/session.api';
import { Icon } from '../components/icons';
import { canSee, navItem } from '../navigation';
import type { NavId } from '../navigation';

/** Guards a screen with the same rule that shows or hides its navbar item. The server checks again. */
export function RequireAccess({ id, children }: { id: NavId; children: ReactNode }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (canSee(navItem(id), user)) return <>{children}</>;
  return (
    <Container size="sm" py="xl">
      <Alert color="yellow" role="alert" icon={<Icon name="shield" />} title={t('errors.forbidden')}>
        <Text size="sm">{t('forbidden.description')}</Text>
      </Alert>
    </Container>
  );
}
