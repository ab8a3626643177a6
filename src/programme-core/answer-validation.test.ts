import { describe, expect, it } from 'vitest';
import { validateAnswer } from './answer-validation';
import { questionSchema, type Question } from './programme-definition.schemas';

const text = (en: string) => ({ en, ru: `${en} (ru)` });
function question(fields: Record<string, unknown>): Question {
  return questionSchema.parse({ id: 'q', title: text('Question'), criteria: ['safe.A'], ...fields });
}

const yesNo = question({ type: 'yes_no' });
const choice = question({
  type: 'choice',
  options: [
    { id: 'a', label: text('A') },
    { id: 'b', label: text('B') },
  ],
});
const multi = question({ ...choice, type: 'multi_choice' });
const shortText = question({ type: 'text', maxLength: 10 });
const number = question({ type: 'number', min: 0, max: 100, integer: true });
const money = question({ type: 'money' });
const date = question({ type: 'date' });
const table = question({
  type: 'table',
  columns: [
    { id: 'name', type: 'text', title: text('Name') },
    { id: 'amount', type: 'money', title: text('Amount') },
    { id: 'when', type: 'date', title: text('When'), required: false },
    {
      id: 'kind',
      type: 'choice',
      title: text('Kind'),
      options: [
        { id: 'x', label: text('X') },
        { id: 'y', label: text('Y') },
      ],
    },
  ],
});
const file = question({ type: 'file', maxFiles: 2 });
const describable = question({ type: 'file', allowDescription: true });
const uuid = '3f2b8c1e-6a4d-4f7e-9c1b-2d5e8f0a1b2c';

function fields(q: Question, input: unknown) {
  const result = validateAnswer(q, input);
  if (result.ok) throw new Error('expected a refusal');
  return result.fields;
}

describe('validateAnswer', () => {
  it('accepts a boolean for yes/no and refuses anything else', () => {
    expect(validateAnswer(yesNo, { value: true })).toEqual({ ok: true, normalised: { value: true } });
    expect(fields(yesNo, { value: 'yes' })).toEqual([
      { path: 'value', message: 'must be true (yes) or false (no)' },
    ]);
  });

  it('accepts a known option id for a choice', () => {
    expect(validateAnswer(choice, { value: 'b' }).ok).toBe(true);
    expect(fields(choice, { value: 'c' })[0]!.path).toBe('value');
  });

  it('checks every item of a multi-choice', () => {
    expect(validateAnswer(multi, { value: ['a', 'b'] }).ok).toBe(true);
    expect(fields(multi, { value: ['a', 'z'] })).toEqual([
      { path: 'value[1]', message: 'must be one of the options (a, b)' },
    ]);
    expect(fields(multi, { value: ['a', 'a'] })).toEqual([
      { path: 'value', message: 'lists an option twice' },
    ]);
    expect(fields(multi, { value: [] })[0]!.path).toBe('value');
  });

  it('trims text and enforces its maximum length', () => {
    expect(validateAnswer(shortText, { value: '  hello ' })).toEqual({
      ok: true,
      normalised: { value: 'hello' },
    });
    expect(fields(shortText, { value: 'far too long text' })).toEqual([
      { path: 'value', message: 'must be at most 10 characters' },
    ]);
  });

  it('enforces number bounds and whole numbers', () => {
    expect(validateAnswer(number, { value: 42 }).ok).toBe(true);
    expect(fields(number, { value: 4.5 })).toEqual([{ path: 'value', message: 'must be a whole number' }]);
    expect(fields(number, { value: 101 })).toEqual([{ path: 'value', message: 'must be at most 100' }]);
    expect(fields(number, { value: '42' })).toEqual([{ path: 'value', message: 'must be a number' }]);
  });

  it('accepts money with at most two decimals and never negative', () => {
    expect(validateAnswer(money, { value: 1.15 })).toEqual({ ok: true, normalised: { value: 1.15 } });
    expect(validateAnswer(money, { value: 1200 }).ok).toBe(true);
    expect(fields(money, { value: 1.155 })).toEqual([
      { path: 'value', message: 'must have at most two decimals' },
    ]);
    expect(fields(money, { value: -1 })).toEqual([{ path: 'value', message: 'must not be negative' }]);
  });

  it('accepts real dates written YYYY-MM-DD', () => {
    expect(validateAnswer(date, { value: '2024-02-29' }).ok).toBe(true);
    expect(fields(date, { value: '2023-02-29' })[0]!.path).toBe('value');
    expect(fields(date, { value: '01.02.2024' })[0]!.path).toBe('value');
  });

  it('types table rows by their columns and names the cell at fault', () => {
    const ok = validateAnswer(table, { value: [{ name: ' Acme ', amount: 10.5, kind: 'x' }] });
    expect(ok).toEqual({ ok: true, normalised: { value: [{ name: 'Acme', amount: 10.5, kind: 'x' }] } });
    const refused = fields(table, {
      value: [
        { name: 'A', amount: 1, kind: 'x' },
        { name: 'B', amount: 2, kind: 'y', when: '2024-13-01' },
        { name: 'C', amount: -3, kind: 'z', colour: 'red' },
      ],
    });
    expect(refused).toEqual(
      expect.arrayContaining([
        { path: 'value[1].when', message: 'must be a date written YYYY-MM-DD' },
        { path: 'value[2].amount', message: 'must not be negative' },
        { path: 'value[2].kind', message: 'must be one of the options (x, y)' },
        { path: 'value[2].colour', message: 'unknown column' },
      ]),
    );
    expect(fields(table, { value: [{ amount: 1, kind: 'x' }] })).toEqual([
      { path: 'value[0].name', message: 'is required' },
    ]);
    expect(fields(table, { value: [] })).toEqual([{ path: 'value', message: 'needs at least 1 row(s)' }]);
  });

  it('accepts evidence ids for files', () => {
    expect(validateAnswer(file, { value: [uuid.toUpperCase()] })).toEqual({
      ok: true,
      normalised: { value: [uuid] },
    });
    expect(fields(file, { value: ['not-a-uuid'] })).toEqual([
      { path: 'value[0]', message: 'must be an evidence id (uuid)' },
    ]);
    expect(fields(file, { value: [] })).toEqual([{ path: 'value', message: 'attach at least one file' }]);
    expect(fields(file, { value: [uuid, uuid, uuid] })).toEqual([
      { path: 'value', message: 'must list at most 2 files' },
    ]);
    expect(fields(file, { value: [], description: 'we do it' })[0]!.path).toBe('description');
  });

  it('accepts a description instead of documents where the question allows it', () => {
    expect(validateAnswer(describable, { value: [], description: ' Owner checks the goods. ' })).toEqual({
      ok: true,
      normalised: { value: [], description: 'Owner checks the goods.' },
    });
    expect(fields(describable, { value: [] })).toEqual([
      { path: 'value', message: 'attach at least one file or describe the evidence' },
    ]);
  });

  it.each([yesNo, choice, multi, shortText, number, money, date, table, file])(
    'accepts not applicable and already provided with an explanation ($type)',
    (q) => {
      expect(validateAnswer(q, { notApplicable: true, explanation: ' We do not store goods. ' })).toEqual({
        ok: true,
        normalised: { notApplicable: true, explanation: 'We do not store goods.' },
      });
      expect(
        validateAnswer(q, {
          alreadyProvided: true,
          reference: 'AEO-2023-17',
          explanation: 'Sent with the 2023 audit',
        }),
      ).toEqual({
        ok: true,
        normalised: {
          alreadyProvided: true,
          reference: 'AEO-2023-17',
          explanation: 'Sent with the 2023 audit',
        },
      });
    },
  );

  it('requires the explanation and the reference', () => {
    expect(fields(yesNo, { notApplicable: true })).toEqual([
      { path: 'explanation', message: 'must be text' },
    ]);
    expect(fields(yesNo, { notApplicable: true, explanation: '   ' })).toEqual([
      { path: 'explanation', message: 'must not be empty' },
    ]);
    expect(fields(yesNo, { alreadyProvided: true, explanation: 'x' })).toEqual([
      { path: 'reference', message: 'must be text' },
    ]);
    expect(fields(yesNo, { notApplicable: false, explanation: 'x' })).toEqual([
      { path: 'notApplicable', message: 'must be true' },
    ]);
  });

  it('refuses payloads without a value and unknown fields', () => {
    expect(fields(yesNo, {})[0]!.path).toBe('value');
    expect(fields(yesNo, { value: true, extra: 1 })).toEqual([{ path: 'extra', message: 'unknown field' }]);
    expect(fields(yesNo, null)).toEqual([{ path: '', message: 'must be an object' }]);
  });
});
