import { ConfigError, loadConfig } from '../../src/platform/config';
import { clockStartingAt } from '../../src/platform/clock';

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

describe('gateway configuration', () => {
  it('has the production limits by default, trusted documents optional and introspection open outside production', () => {
    const { gateway } = loadConfig({});
    expect(gateway.limits).toEqual({ maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxDirectives: 10, maxRootFields: 8, maxListSize: 100, maxCost: 10_000, defaultListSize: 10 });
    expect(gateway).toMatchObject({ maxBodyBytes: 131_072, requestTimeoutMs: 30_000, introspectionRoles: '*', revealLimits: true });
    expect(gateway.trustedDocuments).toMatchObject({ required: false, exemptRoles: [] });
    expect(gateway.rateLimits).toEqual({ enabled: true, windowSeconds: 60, perPrincipal: 600, perPartner: 3000, partners: {} });
    expect(gateway.upstream).toEqual({ timeoutMs: 10_000, timeouts: {}, retries: 1, retryDelayMs: 200 });
  });

  it('reads roles, per-partner budgets, per-subgraph timeouts and subgraph URLs', () => {
    const config = loadConfig({
      INTROSPECTION_ROLES: 'ADMIN,ANALYST',
      ARBITRARY_DOCUMENT_ROLES: 'ANALYST',
      RATE_LIMIT_PARTNERS: 'police110=6000,petition=1200',
      UPSTREAM_TIMEOUTS: 'audit=30000',
      SUBGRAPH_URLS: 'hotline=http://10.0.0.5:4101/graphql',
    });
    expect(config.gateway.introspectionRoles).toEqual(['ADMIN', 'ANALYST']);
    expect(config.gateway.trustedDocuments.exemptRoles).toEqual(['ANALYST']);
    expect(config.gateway.rateLimits.partners).toEqual({ police110: 6000, petition: 1200 });
    expect(config.gateway.upstream.timeouts).toEqual({ audit: 30_000 });
    expect(config.subgraphUrls).toEqual({
      hotline: 'http://10.0.0.5:4101/graphql',
      exchange: 'http://127.0.0.1:4102/graphql',
      audit: 'http://127.0.0.1:4103/graphql',
      petition: 'http://127.0.0.1:4104/graphql',
      supervision: 'http://127.0.0.1:4105/graphql',
      utilities: 'http://127.0.0.1:4106/graphql',
    });
  });

  it('names each bad gateway variable', () => {
    let error: unknown;
    try {
      loadConfig({ INTROSPECTION_ROLES: 'ADMIN,ROOT', RATE_LIMIT_PARTNERS: 'nobody=5', SUBGRAPH_URLS: 'hotline', LIMIT_MAX_DEPTH: '1', ASSERTION_PRIVATE_KEY: 'secret' });
    } catch (e) {
      error = e;
    }
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['ASSERTION_PRIVATE_KEY', 'INTROSPECTION_ROLES', 'LIMIT_MAX_DEPTH', 'RATE_LIMIT_PARTNERS', 'SUBGRAPH_URLS']);
    expect(problems.find((p) => p.startsWith('INTROSPECTION_ROLES:'))).toContain('(unknown: ROOT)');
    expect(problems.find((p) => p.startsWith('ASSERTION_PRIVATE_KEY:'))).not.toContain('secret');
  });
});

describe('production mode refuses development keys and default secrets, naming each variable', () => {
  const PRODUCTION = {
    NODE_ENV: 'production',
    JWKS_URL: 'https://idp.example.gov.cn/.well-known/jwks.json',
    JWT_ISSUER: 'https://idp.example.gov.cn/realms/hotline',
    PII_HMAC_KEY: 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=',
    DATABASE_URL: 'postgres://hub@db.example/hub',
    ASSERTION_PRIVATE_KEY: '{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}',
  };
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems.map((p) => p.split(':')[0]);
    }
  };

  it('starts with a complete production environment: trusted documents required, no introspection, limits not revealed, no demo data', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.gateway).toMatchObject({ introspectionRoles: [], revealLimits: false, trustedDocuments: { required: true, exemptRoles: [] } });
    expect(config.demoData).toBe(false);
  });

  it.each([
    ['JWKS_URL', { JWKS_URL: '' }],
    ['PII_HMAC_KEY', { PII_HMAC_KEY: '' }],
    ['ASSERTION_PRIVATE_KEY', { ASSERTION_PRIVATE_KEY: '' }],
    ['JWT_ISSUER', { JWT_ISSUER: 'hotline-hub-dev' }],
    ['DATABASE_URL', { DATABASE_URL: '' }],
    ['DEMO_DATA', { DEMO_DATA: 'on' }],
  ])('refuses production without a proper %s', (variable, change) => {
    expect(problemsOf({ ...PRODUCTION, ...change })).toEqual([variable]);
  });

  it('refuses a public key where the gateway needs the private one', () => {
    expect(problemsOf({ ...PRODUCTION, ASSERTION_PRIVATE_KEY: '{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}' })).toEqual(['ASSERTION_PRIVATE_KEY']);
  });

  it('accepts a subgraph-only process with just the public key', () => {
    expect(problemsOf({ ...PRODUCTION, ASSERTION_PRIVATE_KEY: '', ASSERTION_PUBLIC_KEY: '{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}' })).toEqual([]);
  });
});

describe('DEV_NOW, the development clock', () => {
  it('starts the hub at the given moment, running forward', () => {
    expect(loadConfig({ DEV_NOW: '2026-12-31T10:05:00+08:00' }).devNow).toEqual(new Date('2026-12-31T02:05:00Z'));
    expect(loadConfig({}).devNow).toBeUndefined();
    let real = 1_000_000;
    const clock = clockStartingAt(new Date('2026-12-31T10:05:00+08:00'), () => real);
    real += 90_000;
    expect(clock.now()).toEqual(new Date('2026-12-31T10:06:30+08:00'));
  });

  it('needs an ISO date-time with its offset', () => {
    expect(() => loadConfig({ DEV_NOW: '2026-12-31' })).toThrow('DEV_NOW: must be an ISO date-time with its offset, e.g. 2026-12-31T10:05:00+08:00 (got "2026-12-31")');
    expect(() => loadConfig({ DEV_NOW: '2026-13-45T10:05:00+08:00' })).toThrow(/DEV_NOW: is not a valid date-time/);
  });

  it('is refused in production', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', DEV_NOW: '2026-12-31T10:05:00+08:00' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toContain('DEV_NOW: must not be set when NODE_ENV=production (deadlines, audit times and token expiry follow the real clock)');
  });
});
