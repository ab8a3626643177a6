import { MultiSelect, PasswordInput, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateUser, useUpdateUser } from '../api/users.api';
import { CUSTOMS_ROLES, LANGUAGES, ROLES } from '../api/types';
import type { Language, Office, Role, User } from '../api/types';
import { fieldError } from '../components/api-error';
import { bindText } from '../components/bind';
import { FormModal, FormStack } from '../components/form-modal';
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

function UserForm({ user, offices, onClose, onSaved }: Omit<UserFormModalProps, 'opened'>) {
  const { t } = useTranslation();
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const mutation = user ? updateUser : createUser;

  const [email, setEmail] = useState('');
  const [name, setName] = useState(user?.name ?? '');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(user?.roles ?? []);
  const [officeId, setOfficeId] = useState<string | null>(user?.officeId ?? null);
  const [operatorId, setOperatorId] = useState(user?.operatorId ?? '');
  const [agency, setAgency] = useState(user?.agency ?? '');
  const [language, setLanguage] = useState<Language>(user?.language ?? currentLanguage());
  const [rolesMissing, setRolesMissing] = useState(false);

  const isCustoms = roles.some((role) => CUSTOMS_ROLES.includes(role));
  const isOperator = roles.includes('operator');
  const isAgencyOfficer = roles.includes('agency_officer');
  const error = mutation.error;

  const submit = () => {
    if (roles.length === 0) {
      setRolesMissing(true);
      return;
    }
    const office = isCustoms ? officeId : null;
    const operator = isOperator && operatorId.trim() ? operatorId.trim() : null;
    const agencyCode = isAgencyOfficer && agency.trim() ? agency.trim().toUpperCase() : null;
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
      error={error}
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
          {...bindText(email, setEmail)}
          error={fieldError(error, 'email')}
        />
      )}
      <TextInput
        label={t('users.form.name')}
        required
        autoComplete="off"
        {...bindText(name, setName)}
        error={fieldError(error, 'name')}
      />
      {user ? null : (
        <PasswordInput
          label={t('users.form.password')}
          description={t('users.form.passwordDescription', { min: MIN_PASSWORD_LENGTH })}
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          {...bindText(password, setPassword)}
          error={fieldError(error, 'password')}
        />
      )}
      <MultiSelect
        label={t('users.form.roles')}
        placeholder={roles.length === 0 ? t('users.form.rolesPlaceholder') : undefined}
        withAsterisk
        data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        value={roles}
        onChange={(values) => {
          setRoles(values.filter(isRole));
          setRolesMissing(false);
        }}
        error={rolesMissing ? t('users.form.rolesRequired') : fieldError(error, 'roles')}
        comboboxProps={{ withinPortal: true }}
        data-testid="user-form-roles"
      />
      {isCustoms ? (
        <OfficeSelect
          label={t('users.form.office')}
          description={t('users.form.officeDescription')}
          placeholder={t('users.form.officePlaceholder')}
          offices={offices}
          value={officeId}
          onChange={setOfficeId}
          error={fieldError(error, 'officeId')}
        />
      ) : null}
      {isOperator ? (
        <TextInput
          label={t('users.form.operatorId')}
          description={t('users.form.operatorIdDescription')}
          {...bindText(operatorId, setOperatorId)}
          error={fieldError(error, 'operatorId')}
        />
      ) : null}
      {isAgencyOfficer ? (
        <TextInput
          label={t('users.form.agency')}
          description={t('users.form.agencyDescription')}
          required
          maxLength={32}
          {...bindText(agency, setAgency)}
          error={fieldError(error, 'agency')}
          data-testid="user-form-agency"
        />
      ) : null}
      {user ? null : (
        <Select
          label={t('users.form.language')}
          data={LANGUAGES.map((value) => ({ value, label: t(`language.names.${value}`) }))}
          value={language}
          onChange={(value) => {
            if (isLanguage(value)) setLanguage(value);
          }}
          allowDeselect={false}
        />
      )}
    </FormStack>
  );
}
