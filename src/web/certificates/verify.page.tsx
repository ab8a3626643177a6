import { FileInput, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useVerify } from '../api/certificates.api';
import { ApiErrorAlert } from '../components/api-error';
import { IconButton } from '../components/buttons';
import { Icon } from '../components/icons';
import { PublicPageLayout } from '../programme/public-page.layout';
import { VerificationResultPanel } from './verification-result';

type Mode = 'text' | 'pdf';

/** Public: anyone (a partner customs officer, a bank, a buyer) checks a certificate without signing in. */
export function VerifyPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const [mode, setMode] = useState<Mode>('text');
  // A QR code may open this page with the credential in the address (?credential=…): fill it in.
  const [text, setText] = useState(searchParams.get('credential') ?? '');
  const [file, setFile] = useState<File | null>(null);
  const verify = useVerify();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'text') {
      if (text.trim() === '') return;
      verify.mutate({ kind: 'text', credential: text.trim() });
    } else if (file) {
      verify.mutate({ kind: 'pdf', file });
    }
  };

  const canSubmit = mode === 'text' ? text.trim() !== '' : file !== null;

  return (
    <PublicPageLayout
      title={t('certificates.verify.title')}
      description={t('certificates.verify.description')}
    >
      <Stack gap="lg">
        <form onSubmit={onSubmit} data-testid="verify-form">
          <Stack gap="md">
            <SegmentedControl
              value={mode}
              onChange={(value) => {
                setMode(value === 'pdf' ? 'pdf' : 'text');
                verify.reset();
              }}
              data={[
                { value: 'text', label: t('certificates.verify.modeText') },
                { value: 'pdf', label: t('certificates.verify.modePdf') },
              ]}
              aria-label={t('certificates.verify.mode')}
              data-testid="verify-mode"
            />
            {mode === 'text' ? (
              <Textarea
                label={t('certificates.verify.credential')}
                description={t('certificates.verify.credentialHint')}
                value={text}
                onChange={(event) => setText(event.currentTarget.value)}
                autosize
                minRows={4}
                maxRows={12}
                maxLength={100_000}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
                data-testid="verify-credential"
              />
            ) : (
              <FileInput
                label={t('certificates.verify.pdf')}
                description={t('certificates.verify.pdfHint')}
                accept="application/pdf"
                value={file}
                onChange={setFile}
                clearable
                leftSection={<Icon name="upload" size={16} />}
                data-testid="verify-pdf"
              />
            )}
            <Group>
              <IconButton
                type="submit"
                loading={verify.isPending}
                disabled={!canSubmit}
                icon="shield"
                data-testid="verify-submit"
              >
                {t('certificates.verify.submit')}
              </IconButton>
            </Group>
          </Stack>
        </form>
        <ApiErrorAlert error={verify.error} />
        {verify.data ? <VerificationResultPanel response={verify.data} /> : null}
        <Text size="xs" c="dimmed">
          {t('certificates.verify.privacy')}
        </Text>
      </Stack>
    </PublicPageLayout>
  );
}
