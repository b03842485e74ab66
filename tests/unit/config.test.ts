import { ConfigError, loadConfig } from '../../src/platform/config';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({}, '/srv/hub');
    expect(config).toMatchObject({ env: 'development', host: '127.0.0.1', port: 4000, dataDir: '/srv/hub/.data', demoData: true, databaseUrl: undefined });
  });

  it('names every bad variable with its reason, one line each, and never echoes a password', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://root:secret@db/hub' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('PORT:'))).toMatch(/expected number/);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toContain('(got "loud")');
    const db = problems.find((p) => p.startsWith('DATABASE_URL:'))!;
    expect(db).toContain('must be a postgres:// or postgresql:// URL');
    expect(db).not.toContain('secret');
  });

  it('refuses production without a JWKS URL (development keys are not for production)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWKS_URL: required when NODE_ENV=production/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(4000);
  });
});
