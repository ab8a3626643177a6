import type { Declaration } from '../../../risk-engine/index';
import type { FieldError } from '../../platform/errors';
import { findTextPath, hasLoneSurrogate, hasNul } from '../../platform/text-safety';
import { parseIngestBody } from './declarations.schemas';

/**
 * The pure half of the declaration stream: what a message on the declarations subject may contain, and what a
 * dead letter says about one that was refused. No I/O, so it is tested and reused without NATS.
 */

export type DeadLetterReason =
  | 'invalid_json'
  | 'invalid_declaration'
  | 'declaration_conflict'
  | 'rejected'
  | 'delivery_attempts_exhausted';

export type ParsedMessage =
  | { isValid: true; declarations: Declaration[] }
  | { isValid: false; reason: DeadLetterReason; message: string; fields: FieldError[] };

/** The same checks and field messages as the HTTP edge (registerInputChecks). */
const UNSTORABLE_TEXT = [
  {
    isBad: hasNul,
    what: 'the NUL character (U+0000)',
    message: 'Must not contain the NUL character (U+0000).',
  },
  {
    isBad: hasLoneSurrogate,
    what: 'an unpaired UTF-16 surrogate',
    message: 'Must be well-formed Unicode (no unpaired surrogate such as \\ud800).',
  },
] as const;

/** One declaration, or `{ "declarations": [...] }` with up to 1 000, as the HTTP API takes them. */
export function parseDeclarationMessage(data: Uint8Array): ParsedMessage {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch (error) {
    return {
      isValid: false,
      reason: 'invalid_json',
      message: 'The message is not UTF-8 JSON.',
      fields: [{ path: '', message: error instanceof Error ? error.message : String(error) }],
    };
  }
  // Text PostgreSQL cannot store is refused here, naming the field, as the HTTP edge does, instead of failing the
  // store on every delivery until the message is dead-lettered for exhausted attempts.
  for (const { isBad, what, message } of UNSTORABLE_TEXT) {
    const path = findTextPath(body, isBad, '', Number.POSITIVE_INFINITY);
    if (path !== undefined) {
      return {
        isValid: false,
        reason: 'invalid_declaration',
        message: `The message contains ${what}, which cannot be stored.`,
        fields: [{ path, message }],
      };
    }
  }
  // The same shape choice as the HTTP API, so a dead letter names the same fields as a 400 does.
  const parsed = parseIngestBody(body);
  if (!parsed.success) {
    return {
      isValid: false,
      reason: 'invalid_declaration',
      message: 'The message is not a valid declaration or batch of declarations.',
      fields: parsed.fields,
    };
  }
  const declarations = parsed.declarations;
  const first = new Map<string, number>();
  const repeats = declarations.flatMap((d, index) => {
    const earlier = first.get(d.id);
    if (earlier === undefined) first.set(d.id, index);
    return earlier === undefined
      ? []
      : [{ path: `declarations.${index}.id`, message: `repeats the id of declarations.${earlier}` }];
  });
  if (repeats.length > 0) {
    return {
      isValid: false,
      reason: 'invalid_declaration',
      message: 'A batch must not repeat a declaration id.',
      fields: repeats,
    };
  }
  return { isValid: true, declarations };
}

export interface DeadLetterSource {
  stream: string;
  subject: string;
  sequence: number;
  deliveryCount: number;
  /** When the stream stored the original message. */
  publishedAt: string;
}

export interface DeadLetter {
  reason: DeadLetterReason;
  message: string;
  fields: FieldError[];
  details: Record<string, unknown>;
  source: DeadLetterSource;
  deadLetteredAt: string;
  headers: Record<string, string[]>;
  payload: { encoding: 'utf8' | 'base64'; data: string; bytes: number; isTruncated: boolean };
}

/** The original bytes as text when they are UTF-8 (most are: JSON), else base64; cut to fit a NATS message. */
export function encodePayload(data: Uint8Array, maxChars: number): DeadLetter['payload'] {
  let encoding: 'utf8' | 'base64' = 'utf8';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    encoding = 'base64';
    text = Buffer.from(data).toString('base64');
  }
  const isTruncated = text.length > maxChars;
  return {
    encoding,
    data: isTruncated ? text.slice(0, maxChars) : text,
    bytes: data.byteLength,
    isTruncated,
  };
}
