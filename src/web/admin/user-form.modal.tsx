import { MultiSelect, PasswordInput, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCreateUser, useUpdateUser } from '../api/users.api';
import { CUSTOMS_ROLES, LANGUAGES, ROLES } from '../api/types';
import type { Office, Role, User } from '../api/types';
import { FormModal, FormStack } from '../components/form-modal';
import { useFields } from '../components/use-fields';
import { MIN_PASSWORD_LENGTH } from '../auth/password-rules';
import { currentLanguage, isLanguage } from '../i18n/i18n';
import { OfficeSelect } from './office-select';

export interface UserFormModalProps {
  opened: boolean;
  /** The user to edit; absent to create one. */
  user: User | null;
  offices: Office[];
  onClose: () => void;
  onSaved: (user: User, created: boolean) => void;
}

export function UserFormModal({ opened, user, offices, onClose, onSaved }: UserFormModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={user ? t('users.form.editTitle') : t('users.form.createTitle')}
    >
      <UserForm key={user?.id ?? 'new'} user={user} offices={offices} onClose={onClose} onSaved={onSaved} />
    </FormModal>
  );
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The value sent for a text field shown only to some roles: null when hidden or left empty. */
function shownText(isShown: boolean, value: string): string | null {
  return isShown && value.trim() ? value.trim() : null;
}

function UserForm({ user, offices, onClose, onSaved }: Omit<UserFormModalProps, 'opened'>) {
  const { t } = useTranslation();
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const mutation = user ? updateUser : createUser;
  const form = useFields(
    {
      email: '',
      name: user?.name ?? '',
      password: '',
      roles: user?.roles ?? [],
      officeId: user?.officeId ?? null,
      operatorId: user?.operatorId ?? '',
      agency: user?.agency ?? '',
      language: user?.language ?? currentLanguage(),
    },
    mutation.error,
  );
  const { roles } = form.values;
  const isCustoms = roles.some((role) => CUSTOMS_ROLES.includes(role));
  const isOperator = roles.includes('operator');
  const isAgencyOfficer = roles.includes('agency_officer');
  // Each role-specific field is labelled and described by its own name in users.form.
  const texts = (field: 'office' | 'operatorId' | 'agency') => ({
    label: t(`users.form.${field}`),
    description: t(`users.form.${field}Description`),
  });

  const submit = () => {
    if (roles.length === 0) {
      form.setFieldError('roles', t('users.form.rolesRequired'));
      return;
    }
    const { email, name, password, language } = form.values;
    const office = isCustoms ? form.values.officeId : null;
    const operator = shownText(isOperator, form.values.operatorId);
    const agencyCode = shownText(isAgencyOfficer, form.values.agency)?.toUpperCase() ?? null;
    if (user) {
      updateUser.mutate(
        { id: user.id, name: name.trim(), roles, officeId: office, operatorId: operator, agency: agencyCode },
        { onSuccess: ({ user: saved }) => onSaved(saved, false) },
      );
    } else {
      createUser.mutate(
        {
          email: email.trim(),
          name: name.trim(),
          password,
          roles,
          language,
          ...(office ? { officeId: office } : {}),
          ...(operator ? { operatorId: operator } : {}),
          ...(agencyCode ? { agency: agencyCode } : {}),
        },
        { onSuccess: ({ user: saved }) => onSaved(saved, true) },
      );
    }
  };

  return (
    <FormStack
      onSubmit={submit}
      data-testid="user-form"
      error={mutation.error}
      submitLabel={user ? t('common.save') : t('users.form.create')}
      isPending={mutation.isPending}
      onCancel={onClose}
      submitTestId="user-form-submit"
    >
      {user ? (
        <TextInput label={t('users.form.email')} value={user.email} readOnly disabled />
      ) : (
        <TextInput
          label={t('users.form.email')}
          type="email"
          autoComplete="off"
          required
          data-autofocus
          {...form.getInputProps('email')}
        />
      )}
      <TextInput label={t('users.form.name')} required autoComplete="off" {...form.getInputProps('name')} />
      {user ? null : (
        <PasswordInput
          label={t('users.form.password')}
          description={t('users.form.passwordDescription', { min: MIN_PASSWORD_LENGTH })}
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          {...form.getInputProps('password')}
        />
      )}
      <MultiSelect
        label={t('users.form.roles')}
        placeholder={roles.length === 0 ? t('users.form.rolesPlaceholder') : undefined}
        withAsterisk
        data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        {...form.getInputProps('roles')}
        onChange={(values) => form.setFieldValue('roles', values.filter(isRole))}
        comboboxProps={{ withinPortal: true }}
        data-testid="user-form-roles"
      />
      {isCustoms ? (
        <OfficeSelect
          {...texts('office')}
          placeholder={t('users.form.officePlaceholder')}
          offices={offices}
          {...form.getInputProps('officeId')}
        />
      ) : null}
      {isOperator ? <TextInput {...texts('operatorId')} {...form.getInputProps('operatorId')} /> : null}
      {isAgencyOfficer ? (
        <TextInput
          {...texts('agency')}
          required
          maxLength={32}
          {...form.getInputProps('agency')}
          data-testid="user-form-agency"
        />
      ) : null}
      {user ? null : (
        <Select
          label={t('users.form.language')}
          data={LANGUAGES.map((value) => ({ value, label: t(`language.names.${value}`) }))}
          value={form.values.language}
          onChange={(value) => {
            if (isLanguage(value)) form.setFieldValue('language', value);
          }}
          allowDeselect={false}
        />
      )}
    </FormStack>
  );
}
