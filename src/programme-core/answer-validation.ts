import type { Column, Question } from './programme-definition.schemas';
import type { AnswerRecord } from './questionnaire-engine';

export interface AnswerFieldError {
  path: string;
  message: string;
}

export type AnswerValidation =
  { ok: true; normalised: AnswerRecord } | { ok: false; fields: AnswerFieldError[] };

const DEFAULT_TEXT_LENGTH = 4000;
const EXPLANATION_LENGTH = 2000;
const REFERENCE_LENGTH = 500;
const DEFAULT_MAX_FILES = 20;
const DEFAULT_MAX_ROWS = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/u.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Money has at most two decimals; floating-point noise such as 114.99999999999999 is tolerated and rounded. */
function isMoney(value: number): boolean {
  const cents = value * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6;
}

function checkText(
  value: unknown,
  path: string,
  maxLength: number,
  errors: AnswerFieldError[],
): string | undefined {
  if (typeof value !== 'string') {
    errors.push({ path, message: 'must be text' });
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed === '') errors.push({ path, message: 'must not be empty' });
  else if (trimmed.length > maxLength)
    errors.push({ path, message: `must be at most ${maxLength} characters` });
  return trimmed;
}

function checkNumber(
  value: unknown,
  path: string,
  bounds: { min?: number | undefined; max?: number | undefined; integer?: boolean | undefined },
  errors: AnswerFieldError[],
): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    errors.push({ path, message: 'must be a number' });
    return undefined;
  }
  if (bounds.integer && !Number.isInteger(value)) errors.push({ path, message: 'must be a whole number' });
  if (bounds.min !== undefined && value < bounds.min)
    errors.push({ path, message: `must be at least ${bounds.min}` });
  if (bounds.max !== undefined && value > bounds.max)
    errors.push({ path, message: `must be at most ${bounds.max}` });
  return value;
}

function checkMoney(value: unknown, path: string, errors: AnswerFieldError[]): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    errors.push({ path, message: 'must be an amount (a number)' });
    return undefined;
  }
  if (value < 0) errors.push({ path, message: 'must not be negative' });
  if (!isMoney(value)) errors.push({ path, message: 'must have at most two decimals' });
  return Math.round(value * 100) / 100;
}

function checkOption(
  value: unknown,
  path: string,
  options: readonly { id: string }[] | undefined,
  errors: AnswerFieldError[],
): string | undefined {
  if (typeof value !== 'string' || !(options ?? []).some((o) => o.id === value)) {
    const known = (options ?? []).map((o) => o.id).join(', ');
    errors.push({ path, message: `must be one of the options (${known})` });
    return undefined;
  }
  return value;
}

function checkCell(column: Column, value: unknown, path: string, errors: AnswerFieldError[]): unknown {
  switch (column.type) {
    case 'text':
      return checkText(value, path, column.maxLength ?? 1000, errors);
    case 'number':
      return checkNumber(value, path, {}, errors);
    case 'money':
      return checkMoney(value, path, errors);
    case 'date':
      if (!isIsoDate(value)) errors.push({ path, message: 'must be a date written YYYY-MM-DD' });
      return value;
    case 'yes_no':
      if (typeof value !== 'boolean') errors.push({ path, message: 'must be true or false' });
      return value;
    case 'choice':
      return checkOption(value, path, column.options, errors);
  }
}

function checkTable(question: Question, value: unknown, errors: AnswerFieldError[]): unknown[] | undefined {
  if (!Array.isArray(value)) {
    errors.push({ path: 'value', message: 'must be a list of rows' });
    return undefined;
  }
  const minRows = question.minRows ?? 1;
  const maxRows = question.maxRows ?? DEFAULT_MAX_ROWS;
  if (value.length < minRows) errors.push({ path: 'value', message: `needs at least ${minRows} row(s)` });
  if (value.length > maxRows) errors.push({ path: 'value', message: `has more than ${maxRows} rows` });
  const columns = question.columns ?? [];
  return value.map((row: unknown, index) => {
    const rowPath = `value[${index}]`;
    if (!isRecord(row)) {
      errors.push({ path: rowPath, message: 'must be an object with one field per column' });
      return row;
    }
    for (const key of Object.keys(row)) {
      if (!columns.some((c) => c.id === key))
        errors.push({ path: `${rowPath}.${key}`, message: 'unknown column' });
    }
    const normalised: Record<string, unknown> = {};
    for (const column of columns) {
      const cell = row[column.id];
      const cellPath = `${rowPath}.${column.id}`;
      if (cell === undefined || cell === null || cell === '') {
        if (column.required) errors.push({ path: cellPath, message: 'is required' });
        continue;
      }
      normalised[column.id] = checkCell(column, cell, cellPath, errors);
    }
    return normalised;
  });
}

function checkValue(
  question: Question,
  input: Record<string, unknown>,
  errors: AnswerFieldError[],
): AnswerRecord {
  const { value } = input;
  switch (question.type) {
    case 'yes_no':
      if (typeof value !== 'boolean')
        errors.push({ path: 'value', message: 'must be true (yes) or false (no)' });
      return { value };
    case 'choice':
      return { value: checkOption(value, 'value', question.options, errors) };
    case 'multi_choice': {
      if (!Array.isArray(value) || value.length === 0) {
        errors.push({ path: 'value', message: 'must be a non-empty list of option ids' });
        return { value };
      }
      const items: unknown[] = value;
      items.forEach((item, index) => checkOption(item, `value[${index}]`, question.options, errors));
      if (new Set(items).size !== items.length)
        errors.push({ path: 'value', message: 'lists an option twice' });
      return { value: [...items] };
    }
    case 'text':
      return { value: checkText(value, 'value', question.maxLength ?? DEFAULT_TEXT_LENGTH, errors) };
    case 'number':
      return { value: checkNumber(value, 'value', question, errors) };
    case 'money': {
      const amount = checkMoney(value, 'value', errors);
      if (amount !== undefined)
        checkNumber(amount, 'value', { min: question.min, max: question.max }, errors);
      return { value: amount };
    }
    case 'date':
      if (!isIsoDate(value)) errors.push({ path: 'value', message: 'must be a date written YYYY-MM-DD' });
      return { value };
    case 'table':
      return { value: checkTable(question, value, errors) };
    case 'file':
      return checkFiles(question, input, errors);
  }
}

function checkFiles(
  question: Question,
  input: Record<string, unknown>,
  errors: AnswerFieldError[],
): AnswerRecord {
  const { value, description } = input;
  if (!Array.isArray(value)) {
    errors.push({ path: 'value', message: 'must be a list of evidence ids' });
    return { value };
  }
  value.forEach((id, index) => {
    if (typeof id !== 'string' || !UUID.test(id))
      errors.push({ path: `value[${index}]`, message: 'must be an evidence id (uuid)' });
  });
  const maxFiles = question.maxFiles ?? DEFAULT_MAX_FILES;
  if (value.length > maxFiles) errors.push({ path: 'value', message: `must list at most ${maxFiles} files` });
  if (description !== undefined && !question.allowDescription) {
    errors.push({ path: 'description', message: 'this question needs documents, not a description' });
  }
  const text =
    description === undefined
      ? undefined
      : checkText(description, 'description', DEFAULT_TEXT_LENGTH, errors);
  if (value.length === 0 && text === undefined) {
    errors.push({
      path: 'value',
      message: question.allowDescription
        ? 'attach at least one file or describe the evidence'
        : 'attach at least one file',
    });
  }
  const ids = value.map((id: unknown) => (typeof id === 'string' ? id.toLowerCase() : id));
  return text === undefined ? { value: ids } : { value: ids, description: text };
}

function unknownKeys(
  input: Record<string, unknown>,
  allowed: readonly string[],
  errors: AnswerFieldError[],
): void {
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) errors.push({ path: key, message: 'unknown field' });
  }
}

/**
 * Checks one answer payload against its question and returns it normalised (trimmed text, rounded money,
 * lower-case ids). Every question also accepts "not applicable" and "already provided", each with an explanation,
 * because applicants must not be forced to invent answers or re-send what customs already holds.
 */
export function validateAnswer(question: Question, input: unknown): AnswerValidation {
  const errors: AnswerFieldError[] = [];
  if (!isRecord(input)) return { ok: false, fields: [{ path: '', message: 'must be an object' }] };

  if (input.notApplicable !== undefined) {
    unknownKeys(input, ['notApplicable', 'explanation'], errors);
    if (input.notApplicable !== true) errors.push({ path: 'notApplicable', message: 'must be true' });
    const explanation = checkText(input.explanation, 'explanation', EXPLANATION_LENGTH, errors);
    if (errors.length > 0 || explanation === undefined) return { ok: false, fields: errors };
    return { ok: true, normalised: { notApplicable: true, explanation } };
  }
  if (input.alreadyProvided !== undefined) {
    unknownKeys(input, ['alreadyProvided', 'reference', 'explanation'], errors);
    if (input.alreadyProvided !== true) errors.push({ path: 'alreadyProvided', message: 'must be true' });
    const reference = checkText(input.reference, 'reference', REFERENCE_LENGTH, errors);
    const explanation = checkText(input.explanation, 'explanation', EXPLANATION_LENGTH, errors);
    if (errors.length > 0 || reference === undefined || explanation === undefined)
      return { ok: false, fields: errors };
    return { ok: true, normalised: { alreadyProvided: true, reference, explanation } };
  }
  if (!('value' in input)) {
    return {
      ok: false,
      fields: [
        { path: 'value', message: 'give a value, or notApplicable or alreadyProvided with an explanation' },
      ],
    };
  }
  unknownKeys(input, question.type === 'file' ? ['value', 'description'] : ['value'], errors);
  const normalised = checkValue(question, input, errors);
  return errors.length > 0 ? { ok: false, fields: errors } : { ok: true, normalised };
}
