/** The server's rule (min 12 characters, not a common password); we check the length early to save a trip. */
export const MIN_PASSWORD_LENGTH = 12;

export type PasswordProblem = 'tooShort' | 'mismatch';

export function checkNewPassword(password: string, confirmation: string): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (password !== confirmation) return 'mismatch';
  return null;
}
