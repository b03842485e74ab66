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

describe('audit configuration', () => {
  it('defaults to a bulk-read threshold of 50, 10 denials, working hours 08-20 and exports of 50 000 events', () => {
    expect(loadConfig({}).audit).toEqual({ bulkReadThreshold: 50, denialThreshold: 10, workHours: { start: 8, end: 20 }, exportMaxRows: 50_000 });
  });

  it('reads the thresholds, the working hours and the export cap from the environment', () => {
    const { audit } = loadConfig({ AUDIT_BULK_READ_THRESHOLD: '7', AUDIT_DENIAL_THRESHOLD: '3', AUDIT_WORK_HOURS: '09-18', AUDIT_EXPORT_MAX_ROWS: '100' });
    expect(audit).toEqual({ bulkReadThreshold: 7, denialThreshold: 3, workHours: { start: 9, end: 18 }, exportMaxRows: 100 });
  });

  it('names each bad audit variable with its reason', () => {
    let error: unknown;
    try {
      loadConfig({ AUDIT_BULK_READ_THRESHOLD: '0', AUDIT_DENIAL_THRESHOLD: 'many', AUDIT_WORK_HOURS: '8 to 20', AUDIT_EXPORT_MAX_ROWS: '-1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['AUDIT_BULK_READ_THRESHOLD', 'AUDIT_DENIAL_THRESHOLD', 'AUDIT_EXPORT_MAX_ROWS', 'AUDIT_WORK_HOURS']);
    expect(problems.find((p) => p.startsWith('AUDIT_WORK_HOURS:'))).toBe('AUDIT_WORK_HOURS: must be HH-HH in China time, e.g. 08-20 (got "8 to 20")');
  });

  it('refuses working hours that end before they start', () => {
    expect(() => loadConfig({ AUDIT_WORK_HOURS: '20-08' })).toThrow('AUDIT_WORK_HOURS: the working day must start before it ends, e.g. 08-20 (got "20-08")');
  });
});
