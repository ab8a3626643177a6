import {
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useChangePassword,
  useConfirmTotp,
  useCurrentUser,
  useDisableTotp,
  useStartTotp,
  useUpdateMe,
} from '../api/session.api';
import { LANGUAGES } from '../api/types';
import { NewPasswordFields, useNewPassword } from '../auth/new-password';
import { ApiErrorAlert, fieldError } from '../components/api-error';
import { RoleBadges } from '../components/badges';
import { bindText } from '../components/bind';
import { Icon } from '../components/icons';
import { PageHeader } from '../components/page-header';
import { changeLanguage, isLanguage } from '../i18n/i18n';
import { useFormatters } from '../i18n/format';
import { QrCode } from './qr-code';
import { FlashNotice } from '../components/flash-notice';

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Card padding="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {description ? (
        <Text size="sm" c="dimmed" mt={4}>
          {description}
        </Text>
      ) : null}
      <Stack mt="md">{children}</Stack>
    </Card>
  );
}

/** One of the page's forms: its fields, the server's error, the word that it saved, then its buttons. */
function AccountForm({
  onSubmit,
  error,
  saved,
  actions,
  children,
}: {
  onSubmit: () => void;
  error: unknown;
  /** Shown once the form has saved. */
  saved?: string | null;
  actions: ReactNode;
  children: ReactNode;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        {children}
        <ApiErrorAlert error={error} />
        {saved === undefined ? null : <FlashNotice py="xs" message={saved} />}
        <Group>{actions}</Group>
      </Stack>
    </form>
  );
}

/** A labelled value of the profile: a small dimmed label over it. */
function ProfileFact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <PageHeader title={t('account.title')} description={t('account.description')} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Stack gap="md">
          <ProfileSection />
          <PasswordSection />
        </Stack>
        <TwoFactorSection />
      </SimpleGrid>
    </Stack>
  );
}

function ProfileSection() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const format = useFormatters();
  const updateName = useUpdateMe();
  const updateLanguage = useUpdateMe();
  const [name, setName] = useState(user.name);

  // The language applies at once, like the switcher in the header, so the two never disagree.
  const chooseLanguage = (value: string | null) => {
    if (!isLanguage(value) || value === user.language) return;
    void changeLanguage(value);
    updateLanguage.mutate({ language: value });
  };

  return (
    <Section id="account-profile" title={t('account.profile.title')}>
      <Group gap="xl">
        <ProfileFact label={t('account.profile.email')}>
          <Text size="sm">{user.email}</Text>
        </ProfileFact>
        <ProfileFact label={t('account.profile.roles')}>
          <RoleBadges roles={user.roles} />
        </ProfileFact>
        <ProfileFact label={t('account.profile.memberSince')}>
          <Text size="sm">{format.date(user.createdAt)}</Text>
        </ProfileFact>
      </Group>
      <AccountForm
        onSubmit={() => updateName.mutate({ name: name.trim() })}
        error={updateName.error}
        saved={updateName.isSuccess ? t('account.profile.saved') : null}
        actions={
          <Button type="submit" loading={updateName.isPending}>
            {t('common.save')}
          </Button>
        }
      >
        <TextInput
          label={t('account.profile.name')}
          required
          autoComplete="name"
          {...bindText(name, setName)}
          error={fieldError(updateName.error, 'name')}
        />
      </AccountForm>
      <Select
        label={t('account.profile.language')}
        description={t('account.profile.languageDescription')}
        data={LANGUAGES.map((value) => ({ value, label: t(`language.names.${value}`) }))}
        value={user.language}
        onChange={chooseLanguage}
        allowDeselect={false}
        disabled={updateLanguage.isPending}
      />
      <ApiErrorAlert error={updateLanguage.error} />
    </Section>
  );
}

function PasswordSection() {
  const { t } = useTranslation();
  const changePassword = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const newPassword = useNewPassword(changePassword.error, 'newPassword');

  const submit = () => {
    if (!newPassword.check()) return;
    changePassword.mutate(
      { currentPassword, newPassword: newPassword.password },
      {
        onSuccess: () => {
          setCurrentPassword('');
          newPassword.clear();
        },
      },
    );
  };

  const error = changePassword.error;
  return (
    <Section id="account-password" title={t('account.password.title')}>
      <AccountForm
        onSubmit={submit}
        error={error}
        saved={changePassword.isSuccess ? t('account.password.changed') : null}
        actions={
          <Button type="submit" loading={changePassword.isPending}>
            {t('account.password.submit')}
          </Button>
        }
      >
        <PasswordInput
          label={t('account.password.current')}
          autoComplete="current-password"
          required
          {...bindText(currentPassword, setCurrentPassword)}
          error={fieldError(error, 'currentPassword')}
        />
        <NewPasswordFields
          state={newPassword}
          label={t('account.password.new')}
          confirmLabel={t('account.password.confirm')}
        />
      </AccountForm>
    </Section>
  );
}

function TwoFactorSection() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const disable = useDisableTotp();
  const [otp, setOtp] = useState('');
  const [justEnabled, setJustEnabled] = useState(false);

  const setup = start.data && !user.totpEnabled ? start.data : null;

  const confirmSetup = () => {
    confirm.mutate(otp.trim(), {
      onSuccess: () => {
        setOtp('');
        setJustEnabled(true);
        start.reset();
      },
    });
  };

  const turnOff = () => {
    disable.mutate(otp.trim(), {
      onSuccess: () => {
        setOtp('');
        setJustEnabled(false);
      },
    });
  };

  const codeInput = (error: unknown) => (
    <TextInput
      label={t('account.totp.code')}
      description={t('account.totp.codeDescription')}
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      maxLength={10}
      required
      w={220}
      {...bindText(otp, setOtp)}
      error={fieldError(error, 'otp')}
    />
  );

  return (
    <Section id="account-totp" title={t('account.totp.title')} description={t('account.totp.description')}>
      <Group gap="xs">
        <Text size="sm">{t('account.totp.status')}</Text>
        <Badge color={user.totpEnabled ? 'green' : 'yellow'}>
          {user.totpEnabled ? t('account.totp.enabled') : t('account.totp.disabled')}
        </Badge>
      </Group>
      <FlashNotice py="xs" message={justEnabled && user.totpEnabled ? t('account.totp.enabledNow') : null} />

      {user.totpEnabled ? (
        <AccountForm
          onSubmit={turnOff}
          error={disable.error}
          actions={
            <Button type="submit" color="red" variant="light" loading={disable.isPending}>
              {t('account.totp.disable')}
            </Button>
          }
        >
          <Text size="sm">{t('account.totp.disableHelp')}</Text>
          {codeInput(disable.error)}
        </AccountForm>
      ) : null}

      {!user.totpEnabled && !setup ? (
        <Stack>
          <ApiErrorAlert error={start.error} />
          <Group>
            <Button
              leftSection={<Icon name="shield" size={16} />}
              onClick={() => start.mutate()}
              loading={start.isPending}
            >
              {t('account.totp.setUp')}
            </Button>
          </Group>
        </Stack>
      ) : null}

      {setup ? (
        <AccountForm
          onSubmit={confirmSetup}
          error={confirm.error}
          actions={
            <>
              <Button type="submit" loading={confirm.isPending}>
                {t('account.totp.confirm')}
              </Button>
              <Button variant="default" onClick={() => start.reset()}>
                {t('common.cancel')}
              </Button>
            </>
          }
        >
          <Text size="sm">{t('account.totp.step1')}</Text>
          <Group align="flex-start" gap="lg" wrap="wrap">
            <QrCode value={setup.otpauthUri} label={t('account.totp.qrAlt')} />
            <Stack gap="xs" style={{ flex: 1, minWidth: 220 }}>
              <Text size="sm" fw={600}>
                {t('account.totp.secret')}
              </Text>
              <Group gap="xs" wrap="nowrap">
                <Code
                  fz="md"
                  style={{ letterSpacing: '0.1em', wordBreak: 'break-all' }}
                  data-testid="totp-secret"
                >
                  {setup.secret}
                </Code>
                <CopyButton value={setup.secret}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="light" onClick={copy} style={{ flexShrink: 0 }}>
                      {copied ? t('common.copied') : t('common.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <Text size="sm" fw={600} mt="xs">
                {t('account.totp.uri')}
              </Text>
              <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
                {setup.otpauthUri}
              </Code>
            </Stack>
          </Group>
          <Text size="sm">{t('account.totp.step2')}</Text>
          {codeInput(confirm.error)}
        </AccountForm>
      ) : null}
    </Section>
  );
}
