import { Badge, Card, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateProfile, useDeleteRule, useRiskProfiles } from '../api/risk.api';
import type { RiskProfile, RuleAction, RuleCondition, StoredRule } from '../api/types';
import { IconButton } from '../components/buttons';
import { DataTable } from '../components/data-table';
import { RemoveConfirmModal } from '../components/remove-confirm-modal';
import { FormModal, FormStack } from '../components/form-modal';
import { useFields } from '../components/use-fields';
import { PageHeader } from '../components/page-header';
import { QueryContent } from '../components/query-table';
import { DeleteIconButton, RowIconButton } from '../components/row-actions';
import { useFormatters } from '../i18n/format';
import { useLocalised } from '../i18n/localised';
import { IdentityInputs } from './identity-inputs';
import { ChannelBadge } from './risk-badges';
import { fieldLabel } from './rule-condition';
import { RuleFormModal } from './rule-form.modal';

export function RulesPage() {
  const { t } = useTranslation();
  const profiles = useRiskProfiles();
  const deleteRule = useDeleteRule();
  const [isCreatingProfile, setIsCreatingProfile] = useState(false);
  const [editing, setEditing] = useState<{ profile: RiskProfile; rule: StoredRule | null } | null>(null);
  const [removing, setRemoving] = useState<StoredRule | null>(null);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('risk.rules.title')}
        description={t('risk.rules.description')}
        actions={
          <IconButton icon="plus" onClick={() => setIsCreatingProfile(true)} data-testid="profile-create">
            {t('risk.rules.newProfile')}
          </IconButton>
        }
      />
      <QueryContent query={profiles}>
        {(list) =>
          list.length === 0 ? (
            <Card padding="lg">
              <Text c="dimmed" ta="center" size="sm">
                {t('risk.rules.noProfiles')}
              </Text>
            </Card>
          ) : (
            list.map((profile) => (
              <ProfileCard
                key={profile.id}
                profile={profile}
                onAdd={() => setEditing({ profile, rule: null })}
                onEdit={(rule) => setEditing({ profile, rule })}
                onDelete={(rule) => {
                  deleteRule.reset();
                  setRemoving(rule);
                }}
              />
            ))
          )
        }
      </QueryContent>
      <FormModal
        opened={isCreatingProfile}
        onClose={() => setIsCreatingProfile(false)}
        title={t('risk.rules.profileForm.title')}
      >
        <ProfileForm onClose={() => setIsCreatingProfile(false)} />
      </FormModal>
      <RuleFormModal
        profile={editing?.profile ?? null}
        rule={editing?.rule ?? null}
        onClose={() => setEditing(null)}
      />
      <RemoveConfirmModal
        item={removing}
        onClose={() => setRemoving(null)}
        title={t('risk.rules.deleteTitle')}
        message={(rule) => t('risk.rules.deleteMessage', { id: rule.id, name: rule.rule.name })}
        confirmLabel={t('risk.rules.deleteConfirm')}
        mutation={deleteRule}
        onConfirm={(rule, done) =>
          deleteRule.mutate({ id: rule.id, version: rule.version }, { onSuccess: done })
        }
      />
    </Stack>
  );
}

function ProfileCard({
  profile,
  onAdd,
  onEdit,
  onDelete,
}: {
  profile: RiskProfile;
  onAdd: () => void;
  onEdit: (rule: StoredRule) => void;
  onDelete: (rule: StoredRule) => void;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const format = useFormatters();
  return (
    <Card padding="md" data-testid="profile-card" data-profile-id={profile.id}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={2} size="h4">
              {profile.name}
            </Title>
            <Badge variant="light" color={profile.owner === 'agency' ? 'lime' : 'customs'}>
              {profile.agency ? t('risk.owner.agency', { agency: profile.agency }) : t('risk.owner.customs')}
            </Badge>
            {!profile.isEditable ? (
              <Badge variant="outline" color="gray" data-testid="profile-read-only">
                {t('risk.rules.readOnly')}
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed" ff="monospace">
            {profile.id}
          </Text>
          <Text size="sm" c="dimmed">
            {localised(profile.description)}
          </Text>
        </Stack>
        {profile.isEditable ? (
          <IconButton icon="plus" variant="light" onClick={onAdd} data-testid="rule-add">
            {t('risk.rules.addRule')}
          </IconButton>
        ) : null}
      </Group>
      {profile.rules.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('risk.rules.noRules')}
        </Text>
      ) : (
        <DataTable
          rows={profile.rules}
          minWidth={1000}
          data-testid="rules-table"
          withTableBorder
          columns={[
            t('risk.rules.columns.rule'),
            t('risk.rules.columns.condition'),
            t('risk.rules.columns.action'),
            t('risk.rules.columns.validity'),
            { label: t('risk.rules.columns.hitsTotal'), align: 'right' },
            { label: t('risk.rules.columns.hits30'), align: 'right' },
            t('risk.rules.columns.lastHit'),
            { label: t('common.actions'), isHidden: true, width: 90 },
          ]}
          renderRow={(stored) => (
            <Table.Tr key={stored.id} data-testid="rule-row" data-rule-id={stored.id}>
              <Table.Td>
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    {stored.rule.name}
                  </Text>
                  {stored.rule.enabled === false ? (
                    <Badge color="gray" size="xs">
                      {t('risk.rules.disabled')}
                    </Badge>
                  ) : null}
                </Group>
                <Text size="xs" c="dimmed" ff="monospace">
                  {stored.id}
                </Text>
              </Table.Td>
              <Table.Td maw={320}>
                <ConditionSummary condition={stored.rule.condition} />
              </Table.Td>
              <Table.Td>
                <ActionSummary action={stored.rule.action} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {stored.rule.validFrom || stored.rule.validTo
                    ? `${format.date(stored.rule.validFrom)} – ${format.date(stored.rule.validTo)}`
                    : t('risk.rules.always')}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="tabular-nums" data-testid="rule-hits-total">
                {format.number(stored.hits.total)}
              </Table.Td>
              <Table.Td ta="right" className="tabular-nums">
                {format.number(stored.hits.last30Days)}
              </Table.Td>
              <Table.Td>{format.date(stored.hits.lastHit)}</Table.Td>
              <Table.Td>
                {profile.isEditable ? (
                  <Group gap={4} wrap="nowrap">
                    <Tooltip label={t('common.edit')}>
                      <RowIconButton
                        icon="file"
                        label={t('risk.rules.editRule', { id: stored.id })}
                        onClick={() => onEdit(stored)}
                      />
                    </Tooltip>
                    <DeleteIconButton
                      label={t('risk.rules.deleteRule', { id: stored.id })}
                      onClick={() => onDelete(stored)}
                    />
                  </Group>
                ) : null}
              </Table.Td>
            </Table.Tr>
          )}
        />
      )}
    </Card>
  );
}

/** A condition in short words; trees are shown as their kind and size, their details in the editor. */
function ConditionSummary({ condition }: { condition: RuleCondition }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const text = (() => {
    switch (condition.kind) {
      case 'hsPrefix':
        return t('risk.rules.summary.hsPrefix', { prefixes: condition.prefixes.join(', ') });
      case 'hsRange':
        return t('risk.rules.summary.hsRange', { from: condition.from, to: condition.to });
      case 'equals':
        return t('risk.rules.summary.equals', {
          field: fieldLabel(condition.field, language),
          value: String(condition.value),
        });
      case 'in':
        return t('risk.rules.summary.in', {
          field: fieldLabel(condition.field, language),
          values:
            condition.values.slice(0, 8).map(String).join(', ') + (condition.values.length > 8 ? ', …' : ''),
        });
      case 'range':
        return t('risk.rules.summary.range', {
          field: fieldLabel(condition.field, language),
          min: condition.min ?? '−∞',
          max: condition.max ?? '+∞',
        });
      case 'missingPermit':
        return condition.pattern
          ? t('risk.rules.summary.missingPermitPattern', { pattern: condition.pattern })
          : t('risk.rules.summary.missingPermit');
      case 'all':
      case 'any':
        return t(`risk.rules.summary.${condition.kind}`, { count: condition.conditions.length });
      case 'not':
        return t('risk.rules.summary.not');
    }
  })();
  return <Text size="sm">{text}</Text>;
}

function ActionSummary({ action }: { action: RuleAction }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {action.minimumChannel ? <ChannelBadge channel={action.minimumChannel} size="sm" /> : null}
      {action.scoreAdjustment !== undefined ? (
        <Badge variant="light" color="grape" size="sm" tt="none">
          {t('risk.rules.summary.score', {
            value: `${action.scoreAdjustment > 0 ? '+' : ''}${action.scoreAdjustment}`,
          })}
        </Badge>
      ) : null}
      {action.notifyAgency ? (
        <Badge variant="light" color="lime" size="sm" tt="none">
          {t('risk.rules.summary.notify', { agency: action.notifyAgency })}
        </Badge>
      ) : null}
    </Group>
  );
}

function ProfileForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateProfile();
  const form = useFields({ id: '', name: '', description: { en: '', ru: '' } }, create.error);
  const submit = () => {
    const { id, name, description } = form.values;
    create.mutate(
      {
        id: id.trim(),
        name: name.trim(),
        description: { en: description.en.trim(), ru: description.ru.trim() },
      },
      { onSuccess: onClose },
    );
  };
  return (
    <FormStack
      onSubmit={submit}
      data-testid="profile-form"
      noValidate
      gap="sm"
      error={create.error}
      submitLabel={t('risk.rules.profileForm.create')}
      isPending={create.isPending}
      onCancel={onClose}
      submitTestId="profile-submit"
    >
      <Text size="sm" c="dimmed">
        {t('risk.rules.profileForm.ownerNote')}
      </Text>
      <IdentityInputs
        labels="risk.rules.profileForm"
        inputProps={(field) => form.getInputProps(field)}
        testIdPrefix="profile"
      />
    </FormStack>
  );
}
