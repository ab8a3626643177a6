import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy';
import { hashPassword, verifyPassword } from './password-hasher';

describe('password policy', () => {
  it('refuses passwords shorter than 12 characters', () => {
    expect(checkPassword('Sh0rt-pass!')).toMatch(/at least 12/);
  });

  it('refuses common passwords, also when padded with digits', () => {
    expect(checkPassword('1q2w3e4r5t6y')).toMatch(/too common/);
    expect(checkPassword('password123456')).toMatch(/too common/);
    expect(checkPassword('Qwerty!!!!!!!!')).toMatch(/too common/);
  });

  it('refuses a password made of too few characters', () => {
    expect(checkPassword('aaaaaaaaaaaaaaaa')).toMatch(/too few/);
  });

  it('refuses a password containing the e-mail name', () => {
    expect(checkPassword('marina.k-customs-2026', { email: 'marina.k@customs.kz' })).toMatch(/e-mail/);
  });

  it('accepts a long uncommon passphrase', () => {
    expect(checkPassword('Steppe-caravan-Almaty-42')).toBeUndefined();
  });
});

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one, never storing it in clear', async () => {
    const hash = await hashPassword('Steppe-caravan-Almaty-42');
    expect(hash).not.toContain('Steppe');
    expect(await verifyPassword('Steppe-caravan-Almaty-42', hash)).toBe(true);
    expect(await verifyPassword('Steppe-caravan-Almaty-43', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('Steppe-caravan-Almaty-42')).not.toBe(
      await hashPassword('Steppe-caravan-Almaty-42'),
    );
  });
});
