import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

let commonPasswords: Set<string> | undefined;

function isCommonPassword(candidate: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common']);
  const lower = candidate.toLowerCase();
  if (commonPasswords.has(lower)) return true;
  // "password123456", "qwerty!!!!!!": a common word padded with digits or symbols is still a common password.
  const stem = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  return stem.length >= 4 && commonPasswords.has(stem);
}

/** Why a password is refused, or undefined when it is acceptable. Pure; the messages go to the user. */
export function checkPassword(password: string, context: { email?: string } = {}): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  }
  if (new Set(password).size < 4) return 'The password repeats too few different characters.';
  if (isCommonPassword(password)) return 'This password is too common; choose another.';
  const localPart = context.email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && password.toLowerCase().includes(localPart)) {
    return 'The password must not contain your e-mail name.';
  }
  return undefined;
}
