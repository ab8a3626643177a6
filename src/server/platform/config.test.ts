import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('seeds the demo administration on a developer machine, and not in production unless asked to', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', OPENAEO_SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', OPENAEO_SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  it('makes cookies Secure and requires a second factor in production', () => {
    const production = loadConfig({ NODE_ENV: 'production' });
    expect(production.session.cookieSecure).toBe(true);
    expect(production.isTotpRequired).toBe(true);
    const development = loadConfig({ NODE_ENV: 'development' });
    expect(development.session.cookieSecure).toBe(false);
    expect(development.isTotpRequired).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', TOTP_REQUIRED: 'true' }).isTotpRequired).toBe(true);
  });
});
