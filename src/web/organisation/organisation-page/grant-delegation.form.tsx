import { Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGrantDelegation } from '../../api/operators.api';
import { DELEGATION_RIGHTS } from '../../api/types';
import type { DelegationRight } from '../../api/types';
import { fieldError } from '../../components/api-error';
import { bindText } from '../../components/bind';
import { FormStack } from '../../components/form-modal';
import { countryOptions } from '../../i18n/countries';
import { addYears, todayIsoDate } from '../../i18n/format';
import { RightsCheckboxes } from './rights-checkboxes';

export function GrantDelegationForm({ operatorId, onDone }: { operatorId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const grant = useGrantDelegation(operatorId);
  const [taxpayerId, setTaxpayerId] = useState('');
  const [legalName, setLegalName] = useState('');
  const [country, setCountry] = useState<string | null>(null);
  const [rights, setRights] = useState<DelegationRight[]>(['view', 'prepare']);
  const [validFrom, setValidFrom] = useState(todayIsoDate);
  const [validUntil, setValidUntil] = useState(() => addYears(todayIsoDate(), 1));
  const [problem, setProblem] = useState<'country' | 'rights' | 'period' | null>(null);

  const submit = () => {
    const found = !country
      ? 'country'
      : rights.length === 0
        ? 'rights'
        : validUntil < validFrom
          ? 'period'
          : null;
    setProblem(found);
    if (found || !country) return;
    grant.mutate(
      {
        delegateTaxpayerId: taxpayerId.trim(),
        delegateLegalName: legalName.trim(),
        delegateCountry: country,
        rights,
        validFrom,
        validUntil,
      },
      { onSuccess: onDone },
    );
  };

  const error = grant.error;
  return (
    <FormStack
      onSubmit={submit}
      data-testid="grant-delegation-form"
      error={error}
      submitLabel={t('organisation.grant.submit')}
      isPending={grant.isPending}
      onCancel={onDone}
    >
      <Text size="sm" c="dimmed">
        {t('organisation.grant.help')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('organisation.grant.taxpayerId')}
          required
          data-autofocus
          {...bindText(taxpayerId, setTaxpayerId)}
          error={fieldError(error, 'delegateTaxpayerId')}
        />
        <TextInput
          label={t('organisation.grant.legalName')}
          description={t('organisation.grant.legalNameHint')}
          required
          maxLength={300}
          {...bindText(legalName, setLegalName)}
          error={fieldError(error, 'delegateLegalName')}
        />
        <Select
          label={t('organisation.grant.country')}
          withAsterisk
          searchable
          data={countryOptions(i18n.resolvedLanguage ?? 'en')}
          value={country}
          onChange={(value) => {
            setCountry(value);
            setProblem(null);
          }}
          nothingFoundMessage={t('common.nothingFound')}
          error={
            problem === 'country'
              ? t('organisation.grant.countryRequired')
              : fieldError(error, 'delegateCountry')
          }
        />
      </SimpleGrid>
      <RightsCheckboxes
        label={t('organisation.grant.rights')}
        withAsterisk
        rights={DELEGATION_RIGHTS}
        value={rights}
        onChange={(values) => {
          setRights(values);
          setProblem(null);
        }}
        error={problem === 'rights' ? t('organisation.grant.rightsRequired') : fieldError(error, 'rights')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          type="date"
          label={t('organisation.grant.validFrom')}
          required
          {...bindText(validFrom, setValidFrom)}
          error={fieldError(error, 'validFrom')}
        />
        <TextInput
          type="date"
          label={t('organisation.grant.validUntil')}
          required
          min={validFrom}
          {...bindText(validUntil, setValidUntil)}
          error={
            problem === 'period' ? t('organisation.grant.periodInvalid') : fieldError(error, 'validUntil')
          }
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('organisation.grant.revocableNote')}
      </Text>
    </FormStack>
  );
}
