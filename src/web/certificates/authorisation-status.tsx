import { useTranslation } from 'react-i18next';
import type { AuthorisationStatus, RegisterStatus } from '../api/types';
import { StatusBadge } from '../components/badges';
import type { StatusTone } from '../components/badges';

const TONES: Record<RegisterStatus, StatusTone> = {
  active: 'active',
  suspended: 'warning',
  revoked: 'danger',
  expired: 'inactive',
};

export function AuthorisationStatusBadge({ status }: { status: AuthorisationStatus | RegisterStatus }) {
  const { t } = useTranslation();
  return (
    <span data-testid="authorisation-status" data-status={status}>
      <StatusBadge tone={TONES[status]} label={t(`certificates.statuses.${status}`)} />
    </span>
  );
}
