import { Anchor, Button, Divider, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { useLogin, useMe } from '../api/session.api';
import { ApiErrorAlert, LoadingBlock } from '../components/api-error';
import { useFields } from '../components/use-fields';
import { PublicLayout } from './public-layout';
import { safeNextPath } from '../safe-links';
import { Notice } from '../components/notice';

/** The public pages offered to someone who has no account yet; registering comes first and stands out. */
const PUBLIC_LINKS: {
  to: string;
  label: `publicPages.${'register' | 'readiness' | 'about' | 'verify' | 'aeoRegister'}`;
  testId: string;
  isMain?: boolean;
}[] = [
  { to: '/register', label: 'publicPages.register', testId: 'link-register', isMain: true },
  { to: '/readiness', label: 'publicPages.readiness', testId: 'link-readiness' },
  { to: '/programme', label: 'publicPages.about', testId: 'link-programme' },
  { to: '/verify', label: 'publicPages.verify', testId: 'link-verify' },
  { to: '/aeo-register', label: 'publicPages.aeoRegister', testId: 'link-aeo-register' },
];

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const me = useMe();
  const login = useLogin();
  const otpRef = useRef<HTMLInputElement>(null);

  const form = useFields({ email: '', password: '', otp: '' }, login.error);
  const [otpRequired, setOtpRequired] = useState(false);
  // Whether the last attempt carried a code: an error then means the code, not the password, was wrong.
  const [otpAttempted, setOtpAttempted] = useState(false);

  const next = safeNextPath(searchParams.get('next'));

  if (me.isPending) return <LoadingBlock />;
  if (me.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setOtpAttempted(otpRequired);
    const { email, password, otp } = form.values;
    login.mutate(
      { email: email.trim(), password, ...(otpRequired ? { otp: otp.trim() } : {}) },
      {
        onSuccess: () => void navigate(next, { replace: true }),
        onError: (error) => {
          if (isApiError(error) && error.code === 'otp_required') {
            setOtpRequired(true);
            // Move focus to the new field so keyboard and screen-reader users land where they must type.
            requestAnimationFrame(() => otpRef.current?.focus());
          }
        },
      },
    );
  };

  const error = login.error;
  const otpPrompt = isApiError(error) && error.code === 'otp_required' && !otpAttempted;
  // The e-mail and password stay as typed while the code they earned is asked for.
  const credential = { required: true, withAsterisk: false, readOnly: otpRequired };

  return (
    <PublicLayout title={t('login.title')}>
      <form onSubmit={submit} noValidate={false} data-testid="login-form" aria-describedby="login-status">
        <Stack>
          <TextInput
            label={t('login.email')}
            type="email"
            name="email"
            autoComplete="username"
            {...credential}
            {...form.getInputProps('email')}
            data-autofocus
            autoFocus
          />
          <PasswordInput
            label={t('login.password')}
            name="password"
            autoComplete="current-password"
            {...credential}
            {...form.getInputProps('password')}
          />
          {otpRequired ? (
            <TextInput
              ref={otpRef}
              label={t('login.otp')}
              description={t('login.otpDescription')}
              name="otp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]*"
              maxLength={10}
              required
              withAsterisk={false}
              {...form.getInputProps('otp')}
            />
          ) : null}
          <div id="login-status" aria-live="polite">
            {otpPrompt ? (
              <Notice tone="info" variant="light" icon="shield">
                {t('login.otpPrompt')}
              </Notice>
            ) : (
              <LoginError error={error} otpSubmitted={otpAttempted} />
            )}
          </div>
          <Button type="submit" loading={login.isPending} fullWidth size="md">
            {t('login.submit')}
          </Button>
          {otpRequired ? (
            <Button
              variant="subtle"
              size="xs"
              onClick={() => {
                setOtpRequired(false);
                setOtpAttempted(false);
                form.setFieldValue('otp', '');
                login.reset();
              }}
            >
              {t('login.useAnotherAccount')}
            </Button>
          ) : null}
        </Stack>
      </form>
      <Divider my="lg" label={t('login.newHere')} labelPosition="center" />
      <Group justify="center" gap="lg" component="nav" aria-label={t('publicPages.nav')}>
        {PUBLIC_LINKS.map((link) => (
          <Anchor
            key={link.to}
            component={Link}
            to={link.to}
            size="sm"
            fw={link.isMain ? 600 : undefined}
            data-testid={link.testId}
          >
            {t(link.label)}
          </Anchor>
        ))}
      </Group>
    </PublicLayout>
  );
}

function LoginError({ error, otpSubmitted }: { error: unknown; otpSubmitted: boolean }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (isApiError(error)) {
    if (error.code === 'unauthenticated' || (error.code === 'otp_required' && otpSubmitted)) {
      return (
        <Notice tone="danger" role="alert">
          {otpSubmitted ? t('login.badOtp') : t('login.badCredentials')}
        </Notice>
      );
    }
    if (error.code === 'rate_limited') {
      return (
        <Notice tone="caution" role="alert" title={t('errors.rate_limited')}>
          {error.retryAfterSeconds
            ? t('login.rateLimitedWait', { seconds: error.retryAfterSeconds })
            : t('login.rateLimited')}
        </Notice>
      );
    }
  }
  return <ApiErrorAlert error={error} />;
}
