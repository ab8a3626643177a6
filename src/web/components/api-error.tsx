import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';
import { Icon } from './icons';

const KNOWN_CODES = [
  'validation_failed',
  'unauthenticated',
  'otp_required',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'csrf_failed',
  'unprocessable',
  'internal',
  'network_error',
  'unexpected_response',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

function isKnownCode(code: string): code is KnownCode {
  return (KNOWN_CODES as readonly string[]).includes(code);
}

/** A short, translated title for an error, from its stable code. */
export function errorTitle(t: TFunction, error: unknown): string {
  if (isApiError(error) && isKnownCode(error.code)) return t(`errors.${error.code}`);
  return t('errors.internal');
}

/**
 * The server's own message adds detail (which e-mail is taken, which rule was broken); the generic ones add
 * nothing beyond the translated title, so they are not repeated.
 */
function errorDetail(error: unknown): string | null {
  if (!isApiError(error)) return error instanceof Error ? error.message : null;
  if (['network_error', 'internal', 'unexpected_response', 'csrf_failed'].includes(error.code)) return null;
  return error.message && error.fieldErrors.length === 0 ? error.message : null;
}

export interface ApiErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
}

/** An error announced to screen readers as it appears (role="alert" is an assertive live region). */
export function ApiErrorAlert({ error, onRetry }: ApiErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const detail = errorDetail(error);
  const hasFieldErrors = isApiError(error) && error.fieldErrors.length > 0;
  return (
    <Alert color="red" variant="light" role="alert" icon={<Icon name="alert" />} title={errorTitle(t, error)}>
      <Stack gap="xs">
        {detail ? <Text size="sm">{detail}</Text> : null}
        {hasFieldErrors ? <Text size="sm">{t('errors.checkFields')}</Text> : null}
        {onRetry ? (
          <Group>
            <Button size="xs" variant="default" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** A field's error from the server (validation_failed → details.fields), for an input's `error` prop. */
export function fieldError(error: unknown, path: string): string | undefined {
  return isApiError(error) ? error.fieldError(path) : undefined;
}

export function LoadingBlock({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          {label ?? t('common.loading')}
        </Text>
      </Group>
    </Center>
  );
}
