import { Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useGrantDelegation } from '../../api/operators.api';
import { DELEGATION_RIGHTS } from '../../api/types';
import type { DelegationRight } from '../../api/types';
import { FormStack } from '../../components/form-modal';
import { useFields } from '../../components/use-fields';
import { countryOptions } from '../../i18n/countries';
import { addYears, todayIsoDate } from '../../i18n/format';
import { RightsCheckboxes } from './rights-checkboxes';

export function GrantDelegationForm({ operatorId, onDone }: { operatorId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const grant = useGrantDelegation(operatorId);
  const form = useFields(
    {
      delegateTaxpayerId: '',
      delegateLegalName: '',
      delegateCountry: null as string | null,
      rights: ['view', 'prepare'] as DelegationRight[],
      validFrom: todayIsoDate(),
      validUntil: addYears(todayIsoDate(), 1),
    },
    grant.error,
  );

  const submit = () => {
    const { delegateTaxpayerId, delegateLegalName, delegateCountry, rights, validFrom, validUntil } =
      form.values;
    // The browser's own checks do not reach a select, a checkbox group or the order of two dates.
    if (!delegateCountry) return form.setErrors({ delegateCountry: t('organisation.grant.countryRequired') });
    if (rights.length === 0) return form.setErrors({ rights: t('organisation.grant.rightsRequired') });
    if (validUntil < validFrom) return form.setErrors({ validUntil: t('organisation.grant.periodInvalid') });
    form.clearErrors();
    grant.mutate(
      {
        delegateTaxpayerId: delegateTaxpayerId.trim(),
        delegateLegalName: delegateLegalName.trim(),
        delegateCountry,
        rights,
        validFrom,
        validUntil,
      },
      { onSuccess: onDone },
    );
  };

  return (
    <FormStack
      onSubmit={submit}
      data-testid="grant-delegation-form"
      error={grant.error}
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
          {...form.getInputProps('delegateTaxpayerId')}
        />
        <TextInput
          label={t('organisation.grant.legalName')}
          description={t('organisation.grant.legalNameHint')}
          required
          maxLength={300}
          {...form.getInputProps('delegateLegalName')}
        />
        <Select
          label={t('organisation.grant.country')}
          withAsterisk
          searchable
          data={countryOptions(i18n.resolvedLanguage ?? 'en')}
          {...form.getInputProps('delegateCountry')}
          nothingFoundMessage={t('common.nothingFound')}
        />
      </SimpleGrid>
      <RightsCheckboxes
        label={t('organisation.grant.rights')}
        withAsterisk
        rights={DELEGATION_RIGHTS}
        {...form.getInputProps('rights')}
        value={form.values.rights}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          type="date"
          label={t('organisation.grant.validFrom')}
          required
          {...form.getInputProps('validFrom')}
        />
        <TextInput
          type="date"
          label={t('organisation.grant.validUntil')}
          required
          min={form.values.validFrom}
          {...form.getInputProps('validUntil')}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('organisation.grant.revocableNote')}
      </Text>
    </FormStack>
  );
}
