import { Card } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../api/types';
import { Fact, Facts } from '../../components/facts';
import { useFormatters } from '../../i18n/format';

export function ProfileCard({ operator }: { operator: Operator }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Card padding="md">
      <Facts cols={{ base: 1, sm: 2, md: 4 }}>
        <Fact label={t('organisation.profile.taxpayerId')} isMonospace>
          {operator.taxpayerId}
        </Fact>
        <Fact label={t('organisation.profile.country')}>{format.country(operator.country)}</Fact>
        <Fact label={t('organisation.profile.address')}>{operator.address || '—'}</Fact>
        <Fact label={t('organisation.profile.employees')}>{format.number(operator.employees)}</Fact>
      </Facts>
    </Card>
  );
}
