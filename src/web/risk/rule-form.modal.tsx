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
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useSaveRule } from '../api/risk.api';
import { CHANNELS } from '../api/types';
import type { Channel, RiskProfile, Rule, RuleAction, RuleCondition, StoredRule } from '../api/types';
import { fieldError } from '../components/api-error';
import { bindChecked, bindText } from '../components/bind';
import { FormModal, FormStack } from '../components/form-modal';
import { BilingualTextareas } from './bilingual-textareas';
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

/** The parts of the simple condition typed as text. */
type ConditionTextKey = Exclude<keyof SimpleConditionState, 'kind' | 'field'>;

function isSimpleKind(value: string): value is SimpleKind {
  return (SIMPLE_KINDS as readonly string[]).includes(value);
}

function isChannel(value: string | null): value is Channel {
  return value !== null && (CHANNELS as readonly string[]).includes(value);
}

/** Messages of every field error under a path, with the rest of the path, for the JSON editor. */
function errorsUnder(error: unknown, path: string): string[] {
  if (!isApiError(error)) return [];
  return error.fieldErrors
    .map((f) => ({ ...f, path: f.path.startsWith('body.') ? f.path.slice(5) : f.path }))
    .filter((f) => f.path === path || f.path.startsWith(`${path}.`))
    .map((f) => `${f.path}: ${f.message}`);
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
  const initial = rule?.rule;
  const initialState = initial ? toConditionState(initial.condition) : emptyConditionState();
  const [id, setId] = useState(initial?.id ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState({
    en: initial?.description.en ?? '',
    ru: initial?.description.ru ?? '',
  });
  const [validFrom, setValidFrom] = useState(initial?.validFrom ?? '');
  const [validTo, setValidTo] = useState(initial?.validTo ?? '');
  const [isEnabled, setIsEnabled] = useState(initial?.enabled ?? true);
  const [mode, setMode] = useState<'simple' | 'advanced'>(initialState ? 'simple' : 'advanced');
  const [condition, setCondition] = useState<SimpleConditionState>(initialState ?? emptyConditionState());
  const [json, setJson] = useState(
    JSON.stringify(initial?.condition ?? fromConditionState(emptyConditionState()), null, 2),
  );
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [minimumChannel, setMinimumChannel] = useState<Channel | null>(
    initial?.action.minimumChannel ?? null,
  );
  const [scoreAdjustment, setScoreAdjustment] = useState<number | string>(
    initial?.action.scoreAdjustment ?? '',
  );
  const [notifyAgency, setNotifyAgency] = useState(initial?.action.notifyAgency ?? '');
  const error = save.error;
  const conditionError = (path: string) => fieldError(error, `condition.${path}`);

  const switchMode = (next: string) => {
    setJsonError(null);
    if (next === 'advanced') {
      setJson(JSON.stringify(fromConditionState(condition), null, 2));
      setMode('advanced');
      return;
    }
    const parsed = parseConditionJson(json);
    const state = 'condition' in parsed ? toConditionState(parsed.condition) : null;
    if (!state) {
      setJsonError(t('risk.rules.form.notSimple'));
      return;
    }
    setCondition(state);
    setMode('simple');
  };

  const update = (patch: Partial<SimpleConditionState>) => setCondition((c) => ({ ...c, ...patch }));
  /** A text input bound to one part of the simple condition, with the server's error for it. */
  const bindCondition = (key: ConditionTextKey, errorPath: string = key) => ({
    ...bindText(condition[key], (value) => update({ [key]: value })),
    error: conditionError(errorPath),
  });

  const submit = () => {
    let ruleCondition: RuleCondition;
    if (mode === 'advanced') {
      const parsed = parseConditionJson(json);
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
    const action: RuleAction = {};
    if (minimumChannel) action.minimumChannel = minimumChannel;
    if (typeof scoreAdjustment === 'number') action.scoreAdjustment = scoreAdjustment;
    if (notifyAgency.trim()) action.notifyAgency = notifyAgency.trim().toUpperCase();
    const body: Rule = {
      id: id.trim(),
      name: name.trim(),
      description: { en: description.en.trim(), ru: description.ru.trim() },
      // The server sets the owner from the profile; the format requires one.
      owner:
        profile.owner === 'agency' ? { kind: 'agency', agency: profile.agency ?? '' } : { kind: 'customs' },
      enabled: isEnabled,
      condition: ruleCondition,
      action,
      ...(validFrom ? { validFrom } : {}),
      ...(validTo ? { validTo } : {}),
    };
    save.mutate(
      { profileId: profile.id, rule: body, ...(rule ? { version: rule.version } : {}) },
      { onSuccess: onClose },
    );
  };

  const isStale = isApiError(error) && error.code === 'precondition_failed';
  const advancedErrors = mode === 'advanced' ? errorsUnder(error, 'condition') : [];

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
        <TextInput
          label={t('risk.rules.form.id')}
          description={t('risk.rules.form.idHint')}
          required
          readOnly={rule !== null}
          maxLength={64}
          {...bindText(id, setId)}
          error={fieldError(error, 'id')}
          data-testid="rule-id"
        />
        <TextInput
          label={t('risk.rules.form.name')}
          required
          maxLength={200}
          {...bindText(name, setName)}
          error={fieldError(error, 'name')}
          data-testid="rule-name"
        />
        <BilingualTextareas
          labels={{ en: t('risk.rules.form.descriptionEn'), ru: t('risk.rules.form.descriptionRu') }}
          value={description}
          onChange={setDescription}
          error={error}
          path="description"
          testIdPrefix="rule-description"
          maxLength={2000}
        />
      </SimpleGrid>

      <Title order={3} size="h5" mt="xs">
        {t('risk.rules.form.conditionTitle')}
      </Title>
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
                update({
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
          {condition.kind === 'hsPrefix' ? (
            <TextInput
              label={t('risk.rules.form.prefixes')}
              description={t('risk.rules.form.prefixesHint')}
              required
              {...bindCondition('prefixes')}
              data-testid="rule-hs-prefixes"
            />
          ) : null}
          {condition.kind === 'equals' || condition.kind === 'in' || condition.kind === 'range' ? (
            <Group align="flex-start" grow>
              <Select
                label={t('risk.rules.form.field')}
                data={(condition.kind === 'range' ? NUMERIC_FIELDS : RULE_FIELDS).map((field) => ({
                  value: field,
                  label: `${fieldLabel(field, language)} (${field})`,
                }))}
                value={condition.field}
                onChange={(value) => {
                  const field = RULE_FIELDS.find((f) => f === value);
                  if (field) update({ field });
                }}
                searchable
                allowDeselect={false}
                error={conditionError('field')}
                data-testid="rule-condition-field"
              />
              {condition.kind === 'equals' ? (
                <TextInput
                  label={t('risk.rules.form.value')}
                  required
                  {...bindCondition('value')}
                  data-testid="rule-condition-value"
                />
              ) : null}
              {condition.kind === 'in' ? (
                <TextInput
                  label={t('risk.rules.form.values')}
                  description={t('risk.rules.form.valuesHint')}
                  required
                  {...bindCondition('values')}
                  data-testid="rule-condition-values"
                />
              ) : null}
              {condition.kind === 'range' ? (
                <>
                  <TextInput label={t('risk.rules.form.min')} inputMode="decimal" {...bindCondition('min')} />
                  <TextInput label={t('risk.rules.form.max')} inputMode="decimal" {...bindCondition('max')} />
                </>
              ) : null}
            </Group>
          ) : null}
          {condition.kind === 'missingPermit' ? (
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('risk.rules.form.pattern')}
                description={t('risk.rules.form.patternHint')}
                maxLength={200}
                {...bindCondition('pattern')}
              />
              <TextInput
                label={t('risk.rules.form.documentEn')}
                {...bindCondition('documentEn', 'document.en')}
              />
              <TextInput
                label={t('risk.rules.form.documentRu')}
                {...bindCondition('documentRu', 'document.ru')}
              />
            </SimpleGrid>
          ) : null}
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
            {...bindText(json, setJson)}
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

      <Title order={3} size="h5" mt="xs">
        {t('risk.rules.form.actionTitle')}
      </Title>
      <Group align="flex-start" grow>
        <Select
          label={t('risk.rules.form.minimumChannel')}
          placeholder={t('risk.rules.form.noMinimum')}
          data={CHANNELS.filter((c) => c !== 'green').map((value) => ({
            value,
            label: t(`risk.channels.${value}`),
          }))}
          value={minimumChannel}
          onChange={(value) => setMinimumChannel(isChannel(value) ? value : null)}
          clearable
          error={fieldError(error, 'action.minimumChannel')}
          data-testid="rule-minimum-channel"
        />
        <NumberInput
          label={t('risk.rules.form.scoreAdjustment')}
          description={t('risk.rules.form.scoreAdjustmentHint')}
          min={-1}
          max={1}
          step={0.05}
          decimalScale={3}
          value={scoreAdjustment}
          onChange={setScoreAdjustment}
          error={fieldError(error, 'action.scoreAdjustment')}
        />
        <TextInput
          label={t('risk.rules.form.notifyAgency')}
          description={t('risk.rules.form.notifyAgencyHint')}
          maxLength={32}
          {...bindText(notifyAgency, setNotifyAgency)}
          error={fieldError(error, 'action.notifyAgency')}
        />
      </Group>
      <GroupError message={exactFieldError(error, 'action')} />

      <Title order={3} size="h5" mt="xs">
        {t('risk.rules.form.validityTitle')}
      </Title>
      <Group align="flex-end">
        <TextInput
          type="date"
          label={t('risk.rules.form.validFrom')}
          {...bindText(validFrom, setValidFrom)}
          error={fieldError(error, 'validFrom')}
          w={180}
        />
        <TextInput
          type="date"
          label={t('risk.rules.form.validTo')}
          {...bindText(validTo, setValidTo)}
          error={fieldError(error, 'validTo')}
          w={180}
        />
        <Switch
          label={t('risk.rules.form.enabled')}
          {...bindChecked(isEnabled, setIsEnabled)}
          mb={8}
          data-testid="rule-enabled"
        />
      </Group>
    </FormStack>
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
