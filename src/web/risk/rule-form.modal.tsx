import {
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useSaveRule } from '../api/risk.api';
import { CHANNELS } from '../api/types';
import type { RiskProfile, Rule, RuleAction, RuleCondition, StoredRule } from '../api/types';
import { fieldError } from '../components/api-error';
import { FormModal, FormStack } from '../components/form-modal';
import { useFields } from '../components/use-fields';
import { IdentityInputs } from './identity-inputs';
import { exactFieldError, GroupError } from './form-errors';
import {
  emptyConditionState,
  fieldLabel,
  fromConditionState,
  NUMERIC_FIELDS,
  parseConditionJson,
  RULE_FIELDS,
  SIMPLE_KINDS,
  toConditionState,
} from './rule-condition';
import type { SimpleConditionState, SimpleKind } from './rule-condition';
import { Notice } from '../components/notice';

export interface RuleFormModalProps {
  profile: RiskProfile | null;
  /** The rule to edit; null to add one. */
  rule: StoredRule | null;
  onClose: () => void;
}

export function RuleFormModal({ profile, rule, onClose }: RuleFormModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={profile !== null}
      onClose={onClose}
      size="xl"
      title={rule ? t('risk.rules.form.editTitle', { id: rule.id }) : t('risk.rules.form.addTitle')}
    >
      {profile ? <RuleForm key={rule?.id ?? 'new'} profile={profile} rule={rule} onClose={onClose} /> : null}
    </FormModal>
  );
}

function isSimpleKind(value: string): value is SimpleKind {
  return (SIMPLE_KINDS as readonly string[]).includes(value);
}

/** Messages of every field error under a path, with the rest of the path, for the JSON editor. */
function errorsUnder(error: unknown, path: string): string[] {
  if (!isApiError(error)) return [];
  return error.fieldErrors
    .map((f) => ({ ...f, path: f.path.startsWith('body.') ? f.path.slice(5) : f.path }))
    .filter((f) => f.path === path || f.path.startsWith(`${path}.`))
    .map((f) => `${f.path}: ${f.message}`);
}

/** A heading between the form's parts (condition, action, validity). */
function PartTitle({ children }: { children: ReactNode }) {
  return (
    <Title order={3} size="h5" mt="xs">
      {children}
    </Title>
  );
}

function RuleForm({
  profile,
  rule,
  onClose,
}: {
  profile: RiskProfile;
  rule: StoredRule | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const save = useSaveRule();
  const error = save.error;
  const initial = rule?.rule;
  const initialState = initial ? toConditionState(initial.condition) : emptyConditionState();
  const form = useFields(
    {
      id: initial?.id ?? '',
      name: initial?.name ?? '',
      description: { en: initial?.description.en ?? '', ru: initial?.description.ru ?? '' },
      validFrom: initial?.validFrom ?? '',
      validTo: initial?.validTo ?? '',
      enabled: initial?.enabled ?? true,
      condition: initialState ?? emptyConditionState(),
      json: JSON.stringify(initial?.condition ?? fromConditionState(emptyConditionState()), null, 2),
      action: {
        minimumChannel: initial?.action.minimumChannel ?? null,
        scoreAdjustment: initial?.action.scoreAdjustment ?? '',
        notifyAgency: initial?.action.notifyAgency ?? '',
      },
    },
    error,
  );
  const { values } = form;
  const condition = values.condition;
  const [mode, setMode] = useState<'simple' | 'advanced'>(initialState ? 'simple' : 'advanced');
  const [jsonError, setJsonError] = useState<string | null>(null);

  const switchMode = (next: string) => {
    setJsonError(null);
    if (next === 'advanced') {
      form.setFieldValue('json', JSON.stringify(fromConditionState(condition), null, 2));
      setMode('advanced');
      return;
    }
    const parsed = parseConditionJson(values.json);
    const state = 'condition' in parsed ? toConditionState(parsed.condition) : null;
    if (!state) {
      setJsonError(t('risk.rules.form.notSimple'));
      return;
    }
    form.setFieldValue('condition', state);
    setMode('simple');
  };

  const submit = () => {
    let ruleCondition: RuleCondition;
    if (mode === 'advanced') {
      const parsed = parseConditionJson(values.json);
      if ('error' in parsed) {
        setJsonError(
          parsed.error === 'kind'
            ? t('risk.rules.form.jsonNeedsKind')
            : t('risk.rules.form.jsonInvalid', { error: parsed.error }),
        );
        return;
      }
      ruleCondition = parsed.condition;
    } else {
      ruleCondition = fromConditionState(condition);
    }
    setJsonError(null);
    const { minimumChannel, scoreAdjustment } = values.action;
    const notifyAgency = values.action.notifyAgency.trim();
    const action: RuleAction = {};
    if (minimumChannel) action.minimumChannel = minimumChannel;
    if (typeof scoreAdjustment === 'number') action.scoreAdjustment = scoreAdjustment;
    if (notifyAgency) action.notifyAgency = notifyAgency.toUpperCase();
    const body: Rule = {
      id: values.id.trim(),
      name: values.name.trim(),
      description: { en: values.description.en.trim(), ru: values.description.ru.trim() },
      // The server sets the owner from the profile; the format requires one.
      owner:
        profile.owner === 'agency' ? { kind: 'agency', agency: profile.agency ?? '' } : { kind: 'customs' },
      enabled: values.enabled,
      condition: ruleCondition,
      action,
      ...(values.validFrom ? { validFrom: values.validFrom } : {}),
      ...(values.validTo ? { validTo: values.validTo } : {}),
    };
    save.mutate(
      { profileId: profile.id, rule: body, ...(rule ? { version: rule.version } : {}) },
      { onSuccess: onClose },
    );
  };

  const isStale = isApiError(error) && error.code === 'precondition_failed';
  const advancedErrors = mode === 'advanced' ? errorsUnder(error, 'condition') : [];
  const dateInput = (key: 'validFrom' | 'validTo') => (
    <TextInput type="date" label={t(`risk.rules.form.${key}`)} {...form.getInputProps(key)} w={180} />
  );

  return (
    <FormStack
      onSubmit={submit}
      data-testid="rule-form"
      noValidate
      gap="sm"
      error={error}
      notice={
        isStale ? (
          <Notice tone="warning" icon={null} variant="light">
            {t('risk.rules.form.stale')}
          </Notice>
        ) : null
      }
      submitLabel={rule ? t('common.save') : t('risk.rules.form.add')}
      isPending={save.isPending}
      onCancel={onClose}
      submitTestId="rule-submit"
    >
      <Text size="sm" c="dimmed">
        {t('risk.rules.form.profileNote', { profile: profile.name })}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <IdentityInputs
          labels="risk.rules.form"
          inputProps={(field) => form.getInputProps(field)}
          isIdReadOnly={rule !== null}
          testIdPrefix="rule"
          descriptionMaxLength={2000}
        />
      </SimpleGrid>

      <PartTitle>{t('risk.rules.form.conditionTitle')}</PartTitle>
      <SegmentedControl
        value={mode}
        onChange={switchMode}
        data={[
          { value: 'simple', label: t('risk.rules.form.simple') },
          { value: 'advanced', label: t('risk.rules.form.advanced') },
        ]}
        w="fit-content"
        data-testid="rule-condition-mode"
      />
      {mode === 'simple' ? (
        <Stack gap="sm" data-testid="rule-condition-simple">
          <Select
            label={t('risk.rules.form.kind')}
            data={SIMPLE_KINDS.map((kind) => ({ value: kind, label: t(`risk.rules.kinds.${kind}`) }))}
            value={condition.kind}
            onChange={(value) => {
              if (value && isSimpleKind(value))
                form.setFieldValue('condition', {
                  ...condition,
                  kind: value,
                  ...(value === 'range' && !NUMERIC_FIELDS.includes(condition.field)
                    ? { field: 'item.customsValue' as const }
                    : {}),
                });
            }}
            allowDeselect={false}
            w={320}
            data-testid="rule-condition-kind"
          />
          <SimpleConditionInputs
            condition={condition}
            inputProps={(key) => form.getInputProps(`condition.${key}`)}
            error={error}
            language={language}
          />
          <GroupError message={conditionFieldShown(error) ? undefined : fieldError(error, 'condition')} />
        </Stack>
      ) : (
        <Stack gap={4}>
          <Textarea
            label={t('risk.rules.form.json')}
            description={t('risk.rules.form.jsonHint')}
            autosize
            minRows={6}
            maxRows={20}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            {...form.getInputProps('json')}
            error={jsonError ?? (advancedErrors.length > 0 ? advancedErrors.join('\n') : undefined)}
            data-testid="rule-condition-json"
          />
        </Stack>
      )}
      {mode === 'simple' && jsonError ? (
        <Text size="sm" c="red">
          {jsonError}
        </Text>
      ) : null}

      <PartTitle>{t('risk.rules.form.actionTitle')}</PartTitle>
      <Group align="flex-start" grow>
        <Select
          label={t('risk.rules.form.minimumChannel')}
          placeholder={t('risk.rules.form.noMinimum')}
          data={CHANNELS.filter((c) => c !== 'green').map((value) => ({
            value,
            label: t(`risk.channels.${value}`),
          }))}
          clearable
          {...form.getInputProps('action.minimumChannel')}
          data-testid="rule-minimum-channel"
        />
        <NumberInput
          label={t('risk.rules.form.scoreAdjustment')}
          description={t('risk.rules.form.scoreAdjustmentHint')}
          min={-1}
          max={1}
          step={0.05}
          decimalScale={3}
          {...form.getInputProps('action.scoreAdjustment')}
        />
        <TextInput
          label={t('risk.rules.form.notifyAgency')}
          description={t('risk.rules.form.notifyAgencyHint')}
          maxLength={32}
          {...form.getInputProps('action.notifyAgency')}
        />
      </Group>
      <GroupError message={exactFieldError(error, 'action')} />

      <PartTitle>{t('risk.rules.form.validityTitle')}</PartTitle>
      <Group align="flex-end">
        {dateInput('validFrom')}
        {dateInput('validTo')}
        <Switch
          label={t('risk.rules.form.enabled')}
          {...form.getInputProps('enabled', { type: 'checkbox' })}
          mb={8}
          data-testid="rule-enabled"
        />
      </Group>
    </FormStack>
  );
}

/** The simple condition's inputs for its kind, each bound to its part of the condition. */
function SimpleConditionInputs({
  condition,
  inputProps,
  error,
  language,
}: {
  condition: SimpleConditionState;
  inputProps: (key: Exclude<keyof SimpleConditionState, 'kind'>) => GetInputPropsReturnType;
  error: unknown;
  language: string;
}) {
  const { t } = useTranslation();
  const { kind } = condition;
  if (kind === 'hsPrefix') {
    return (
      <TextInput
        label={t('risk.rules.form.prefixes')}
        description={t('risk.rules.form.prefixesHint')}
        required
        {...inputProps('prefixes')}
        data-testid="rule-hs-prefixes"
      />
    );
  }
  if (kind === 'missingPermit') {
    // The server names the document's languages under one object (document.en), not as the form's keys.
    return (
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('risk.rules.form.pattern')}
          description={t('risk.rules.form.patternHint')}
          maxLength={200}
          {...inputProps('pattern')}
        />
        <TextInput
          label={t('risk.rules.form.documentEn')}
          {...inputProps('documentEn')}
          error={fieldError(error, 'condition.document.en')}
        />
        <TextInput
          label={t('risk.rules.form.documentRu')}
          {...inputProps('documentRu')}
          error={fieldError(error, 'condition.document.ru')}
        />
      </SimpleGrid>
    );
  }
  return (
    <Group align="flex-start" grow>
      <Select
        label={t('risk.rules.form.field')}
        data={(kind === 'range' ? NUMERIC_FIELDS : RULE_FIELDS).map((field) => ({
          value: field,
          label: `${fieldLabel(field, language)} (${field})`,
        }))}
        searchable
        allowDeselect={false}
        {...inputProps('field')}
        data-testid="rule-condition-field"
      />
      {kind === 'equals' ? (
        <TextInput
          label={t('risk.rules.form.value')}
          required
          {...inputProps('value')}
          data-testid="rule-condition-value"
        />
      ) : null}
      {kind === 'in' ? (
        <TextInput
          label={t('risk.rules.form.values')}
          description={t('risk.rules.form.valuesHint')}
          required
          {...inputProps('values')}
          data-testid="rule-condition-values"
        />
      ) : null}
      {kind === 'range' ? (
        <>
          <TextInput label={t('risk.rules.form.min')} inputMode="decimal" {...inputProps('min')} />
          <TextInput label={t('risk.rules.form.max')} inputMode="decimal" {...inputProps('max')} />
        </>
      ) : null}
    </Group>
  );
}

/** Whether the condition's errors all sit on inputs the simple form shows (otherwise list them under it). */
function conditionFieldShown(error: unknown): boolean {
  if (!isApiError(error)) return true;
  const shown = ['prefixes', 'field', 'value', 'values', 'min', 'max', 'pattern', 'document'];
  return error.fieldErrors
    .map((f) => (f.path.startsWith('body.') ? f.path.slice(5) : f.path))
    .filter((path) => path === 'condition' || path.startsWith('condition.'))
    .every((path) => shown.some((name) => path.startsWith(`condition.${name}`)));
}
