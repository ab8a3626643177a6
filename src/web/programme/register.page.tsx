import {
  Button,
  Checkbox,
  Divider,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProgramme, useRegisterOperator } from '../api/programme.api';
import { OPERATOR_ROLE_IDS } from '../api/types';
import type { OperatorRoleId, RegisterOperatorResponse } from '../api/types';
import { ApiErrorAlert, fieldError } from '../components/api-error';
import { useFields } from '../components/use-fields';
import { countryOptions } from '../i18n/countries';
import { useFormatters } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { useLocalised } from '../i18n/localised';
import { PublicPageLayout } from './public-page.layout';
import { NextLink, RegistrationDone } from './registration-outcome';

/** The fields whose label is `register.<name>`. */
type RegisterField =
  'legalName' | 'taxpayerId' | 'country' | 'address' | 'roles' | 'employees' | 'name' | 'email';

/** A NumberInput's value while it is empty. */
const NO_NUMBER = '' as number | string;

export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const localised = useLocalised();
  const format = useFormatters();
  const programme = useProgramme();
  const register = useRegisterOperator();
  const form = useFields(
    {
      legalName: '',
      taxpayerId: '',
      country: null as string | null,
      address: '',
      roles: [] as OperatorRoleId[],
      employees: NO_NUMBER,
      annualTurnover: NO_NUMBER,
      name: '',
      email: '',
      password: '',
    },
    register.error,
    { name: 'user.name', email: 'user.email', password: 'user.password' },
  );
  const [result, setResult] = useState<RegisterOperatorResponse | null>(null);

  const error = register.error;
  const sme = programme.data?.sme;
  /** What the fields share: each is required, labelled `register.<name>` and bound to its value and error. */
  const field = (name: RegisterField) => ({
    label: t(`register.${name}`),
    required: true,
    ...form.getInputProps(name),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const {
      legalName,
      taxpayerId,
      country,
      address,
      roles,
      employees,
      annualTurnover,
      name,
      email,
      password,
    } = form.values;
    register.mutate(
      {
        legalName: legalName.trim(),
        taxpayerId: taxpayerId.trim(),
        country: country ?? '',
        address: address.trim(),
        roles,
        employees: typeof employees === 'number' ? employees : Number.NaN,
        annualTurnover: typeof annualTurnover === 'number' ? annualTurnover : Number.NaN,
        user: { name: name.trim(), email: email.trim(), password, language: currentLanguage() },
      },
      { onSuccess: setResult },
    );
  };

  if (result) {
    const { registration } = result;
    return (
      <RegistrationDone
        title={t('register.doneTitle')}
        data-testid="register-result"
        heading={t('register.doneHeading', { email: registration.email })}
        isSme={registration.isSme}
        next={
          <NextLink to="/login" variant="default" data-testid="register-back">
            {t('register.backToSignIn')}
          </NextLink>
        }
      >
        {t('register.doneText', {
          name: form.values.legalName.trim(),
          date: format.dateTime(registration.expiresAt),
        })}
      </RegistrationDone>
    );
  }

  return (
    <PublicPageLayout title={t('register.title')} description={t('register.description')}>
      <form onSubmit={submit} data-testid="register-form" noValidate={false}>
        <Stack gap="md">
          <Title order={2} size="h4">
            {t('register.company')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput {...field('legalName')} maxLength={300} />
            <TextInput {...field('taxpayerId')} description={t('register.taxpayerIdHint')} maxLength={50} />
            <Select
              {...field('country')}
              searchable
              data={countryOptions(i18n.resolvedLanguage ?? 'en')}
              data-testid="register-country"
            />
            <Textarea
              {...field('address')}
              description={t('register.addressHint')}
              autosize
              minRows={1}
              maxLength={500}
            />
          </SimpleGrid>
          <Checkbox.Group
            {...field('roles')}
            description={t('register.rolesHint')}
            onChange={(values) =>
              form.setFieldValue(
                'roles',
                OPERATOR_ROLE_IDS.filter((role) => values.includes(role)),
              )
            }
          >
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} mt="xs" spacing="xs">
              {OPERATOR_ROLE_IDS.map((role) => (
                <Checkbox key={role} value={role} label={t(`operatorRoles.${role}`)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput {...field('employees')} min={0} allowDecimal={false} />
            <NumberInput
              label={t('register.turnover', { currency: sme?.currency ?? programme.data?.currency ?? '' })}
              required
              min={0}
              thousandSeparator=" "
              {...form.getInputProps('annualTurnover')}
            />
          </SimpleGrid>
          {sme ? (
            <Text size="sm" c="dimmed">
              {t('register.smeRule', {
                employees: format.number(sme.employeesBelow),
                turnover: format.number(sme.annualTurnoverAtMost),
                currency: sme.currency,
              })}{' '}
              {localised(sme.description)}
            </Text>
          ) : null}
          <Divider my="xs" />
          <Title order={2} size="h4">
            {t('register.account')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput {...field('name')} autoComplete="name" />
            <TextInput {...field('email')} type="email" autoComplete="email" />
            <PasswordInput
              label={t('register.password')}
              description={t('register.passwordHint')}
              required
              autoComplete="new-password"
              {...form.getInputProps('password')}
              error={fieldError(error, 'user.password') ?? fieldError(error, 'password')}
            />
          </SimpleGrid>
          <ApiErrorAlert error={error} />
          <Group justify="space-between" wrap="wrap">
            <Text size="sm">
              {t('register.haveAccount')} <Link to="/login">{t('publicPages.signIn')}</Link>
            </Text>
            <Button type="submit" size="md" loading={register.isPending} data-testid="register-submit">
              {t('register.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </PublicPageLayout>
  );
}
