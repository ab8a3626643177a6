import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { evidenceUrl } from '../../api/applications.api';
import type { ApplicationCase } from '../../api/types';
import { Icon } from '../../components/icons';
import { useFormatters } from '../../i18n/format';
import { CaseCard } from '../../components/case-card';

export function EvidenceCard({ application }: { application: ApplicationCase }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <CaseCard title={t('case.evidence.title')} testId="evidence">
      {application.evidence.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('case.evidence.empty')}
        </Text>
      ) : (
        <Stack gap="xs">
          {application.evidence.map((item) => (
            <Group key={item.id} gap="xs" wrap="nowrap" align="flex-start">
              <Icon name="file" size={18} />
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Anchor
                  href={evidenceUrl(application.id, item.id)}
                  download
                  size="sm"
                  data-testid="evidence-download"
                >
                  {item.fileName}
                </Anchor>
                <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  {t('case.evidence.meta', {
                    size: format.number(Math.ceil(item.size / 1024)),
                    date: format.dateTime(item.uploadedAt),
                  })}{' '}
                  · SHA-256 {item.checksum.slice(0, 12)}…
                </Text>
              </Stack>
            </Group>
          ))}
        </Stack>
      )}
    </CaseCard>
  );
}
