import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PARTNERS, ROLES, type Role } from './identity/principal';
import { defineSettings, settingsSchema, type Setting } from './settings';

/**
 * Process configuration, read once from the environment and validated at start-up, from the
 * platform's part of the settings registry (settings.ts). Everything a city changes at run time
 * (catalog, SLA profiles, weights) lives in the database instead.
 */
export const PLATFORM_SETTINGS = {
  ...defineSettings('Server', {
    NODE_ENV: { schema: z.enum(['development', 'test', 'production']).default('development'), description: 'production turns on every safeguard and refuses development keys and default secrets, naming each variable' },
    HOST: { schema: z.string().min(1).default('127.0.0.1'), description: 'the address every listening part binds to' },
    PORT: { schema: z.coerce.number().int().min(0).max(65535).default(4000), description: 'the gateway\'s port (0: any free port)' },
    LOG_LEVEL: { schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), description: 'JSON log lines (pino) at this level and above; never personal data' },
    DATA_DIR: { schema: z.string().min(1).default('.data'), description: 'the embedded PostgreSQL and the development keys and secrets (keys/)' },
    DEMO_DATA: { schema: z.enum(['on', 'off']).default('on'), description: 'load the demo province on first start', production: 'must be off' },
    BACKGROUND_JOBS: { schema: z.enum(['on', 'off']).default('on'), description: 'outbox delivery and the scheduled sweeps in this process (off: a process that only answers requests; tests drive them)' },
    SUPERVISION_SWEEP_SECONDS: { schema: z.coerce.number().int().min(5).max(86_400).default(60), description: 'how often the supervision sweep and the risk warnings run' },
    SHUTDOWN_GRACE_MS: {
      schema: z.coerce.number().int().min(100).max(600_000).default(20_000),
      description:
        'SIGTERM: how long requests, the outbox message in hand and the pools may take; then connections PostgreSQL no longer answers on are closed, what was abandoned is logged, and the process exits',
    },
  }),
  ...defineSettings('Database', {
    DATABASE_URL: { schema: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(), secret: true, example: 'postgres://user:pass@db:5432/hotline_hub', description: 'the shared PostgreSQL (13+); unset: an embedded PostgreSQL in DATA_DIR/pg', production: 'required' },
    DATABASE_POOL_MAX: { schema: z.coerce.number().int().min(1).max(200).default(20), description: 'connections per database module and process' },
  }),
  ...defineSettings('Identity and keys', {
    JWT_ISSUER: { schema: z.string().min(1).default('hotline-hub-dev'), description: 'the `iss` every token must carry', production: 'your identity provider\'s issuer (the development one is refused)' },
    JWT_AUDIENCE: { schema: z.string().min(1).default('hotline-hub'), description: 'the `aud` every token must carry' },
    JWKS_URL: { schema: z.url().optional(), example: 'https://idp.example.gov.cn/.well-known/jwks.json', description: 'the identity provider\'s key set; unset: the development key in DATA_DIR/keys', production: 'required' },
    ASSERTION_TTL_SECONDS: { schema: z.coerce.number().int().min(5).max(300).default(30), description: 'lifetime of the gateway\'s signed identity assertion to a subgraph' },
    ASSERTION_PRIVATE_KEY: { schema: z.string().refine(isKeyText, 'must be an Ed25519 key as JWK (JSON) or PEM').optional(), secret: true, description: 'Ed25519 private key (JWK JSON or PEM) the gateway signs assertions with (a hotline process needs it too to deliver push subscriptions); docs/operations.md shows how to make one', production: 'required for the gateway' },
    ASSERTION_PUBLIC_KEY: { schema: z.string().refine(isKeyText, 'must be an Ed25519 key as JWK (JSON) or PEM').optional(), description: 'the public half, for subgraph-only processes (derived from the private key where that is set)', production: 'required for a subgraph-only process' },
    PII_HMAC_KEY: { schema: z.string().regex(/^[A-Za-z0-9+/]{43,}={0,2}$/, 'must be at least 32 random bytes, base64-encoded (openssl rand -base64 32)').optional(), secret: true, description: 'key of the keyed hashes of phone and ID numbers (malicious-caller list, duplicates); development: generated in DATA_DIR/keys', production: 'required (openssl rand -base64 32)' },
  }),
  // Encryption at rest (issue 18): the crypto profile and where the key-encryption key lives.
  ...defineSettings('Encryption at rest', {
    CRYPTO_PROFILE: { schema: z.enum(['intl', 'gm']).default('intl'), description: 'the algorithms personal data is encrypted with: intl (AES-GCM, HMAC-SHA256) or gm (SM4, SM3)' },
    KEY_PROVIDER: { schema: z.enum(['local', 'vault-transit']).default('local'), description: 'where the key-encryption key lives: local (development) or a Vault Transit KMS' },
    KMS_URL: { schema: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of the KMS, e.g. https://kms.gov.internal:8200' }).optional(), example: 'https://kms.gov.internal:8200', description: 'the KMS holding the key-encryption key (KEY_PROVIDER=vault-transit)' },
    KMS_TOKEN: { schema: z.string().min(8, 'must be the KMS access token (at least 8 characters)').optional(), secret: true, description: 'the token the KMS grants the hub' },
    KMS_KEY_NAME: { schema: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be the KMS key name (letters, digits, _ and -)').default('hotline-hub'), description: 'the key-encryption key\'s name in the KMS' },
    KMS_MOUNT: { schema: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be the Transit mount path, e.g. transit').default('transit'), description: 'the Transit engine\'s mount path' },
    KMS_CA_FILE: { schema: z.string().min(1).optional(), example: '/etc/hotline-hub/kms-ca.pem', description: 'the CA certificate the KMS\'s TLS certificate is checked against' },
    KMS_TIMEOUT_MS: { schema: z.coerce.number().int().min(100).max(60_000).default(5_000), description: 'timeout of one KMS call' },
    CRYPTO_KEY_CACHE_SECONDS: { schema: z.coerce.number().int().min(0).max(3_600).default(300), description: 'how long unwrapped data keys stay in memory (another process forgets a destroyed key within it)' },
  }),
  // Unusual-access report (issue 4, point 8): local rules, so configuration, never constants.
  ...defineSettings('Audit', {
    AUDIT_BULK_READ_THRESHOLD: { schema: z.coerce.number().int().min(1).max(100_000).default(50), description: 'unusual access: contact data of more distinct cases than this in the report\'s period' },
    AUDIT_DENIAL_THRESHOLD: { schema: z.coerce.number().int().min(1).max(100_000).default(10), description: 'unusual access: this many DENIED field decisions or more' },
    AUDIT_WORK_HOURS: {
      schema: z
        .string()
        .regex(/^([01]\d|2[0-4])-([01]\d|2[0-4])$/, 'must be HH-HH in China time, e.g. 08-20')
        .refine((v) => !/^\d\d-\d\d$/.test(v) || Number(v.slice(0, 2)) < Number(v.slice(3)), 'the working day must start before it ends, e.g. 08-20')
        .default('08-20'),
      description: 'working hours, China time (UTC+8), Monday to Friday: reads outside them are listed',
    },
    AUDIT_EXPORT_MAX_ROWS: { schema: z.coerce.number().int().min(1).max(1_000_000).default(50_000), description: 'events per exportAccessEvents call (the rest continues with its cursor)' },
  }),
  // Gateway hardening (issue 9). Defaults are the production values; every one can be tightened.
  ...defineSettings('Gateway limits (defaults are the production values)', {
    GATEWAY_MAX_BODY_BYTES: { schema: z.coerce.number().int().min(1_024).max(10_000_000).default(131_072), description: 'larger request bodies are answered 413' },
    REQUEST_TIMEOUT_MS: { schema: z.coerce.number().int().min(100).max(600_000).default(30_000), description: 'a query or mutation answers within this (subscriptions excepted); also bounds receiving a request and relaying a partner webhook' },
    LIMIT_MAX_DEPTH: { schema: z.coerce.number().int().min(2).max(100).default(10), description: 'field nesting (through fragments)' },
    LIMIT_MAX_ALIASES: { schema: z.coerce.number().int().min(0).max(1_000).default(15), description: 'aliases per document' },
    LIMIT_MAX_TOKENS: { schema: z.coerce.number().int().min(50).max(20_000).default(2_000), description: 'lexical tokens of a document; parsing stops there' },
    LIMIT_MAX_DIRECTIVES: { schema: z.coerce.number().int().min(0).max(1_000).default(10), description: 'directives per document' },
    LIMIT_MAX_ROOT_FIELDS: { schema: z.coerce.number().int().min(1).max(100).default(8), description: 'top-level fields per operation' },
    LIMIT_MAX_LIST_SIZE: { schema: z.coerce.number().int().min(1).max(10_000).default(100), description: 'the largest `first`/`last`' },
    LIMIT_MAX_COST: { schema: z.coerce.number().int().min(1).max(100_000_000).default(10_000), description: 'estimated fields resolved: pages multiply what is below them' },
    LIMIT_DEFAULT_LIST_SIZE: { schema: z.coerce.number().int().min(1).max(10_000).default(10), description: 'length assumed for lists without a page argument' },
    TRUSTED_DOCUMENTS: { schema: z.enum(['required', 'optional']).optional(), example: 'required', description: 'only the operations of the manifest run (default: required in production, optional elsewhere)' },
    TRUSTED_DOCUMENTS_MANIFEST: { schema: z.string().min(1).default('schema/generated/persisted-documents.json'), description: 'the trusted-documents manifest `npm run documents` writes' },
    ARBITRARY_DOCUMENT_ROLES: { schema: roleSet().optional(), example: 'none', description: 'roles exempt from trusted documents (*, none, or e.g. ANALYST); none by default' },
    INTROSPECTION_ROLES: { schema: roleSet().optional(), example: 'none', description: 'roles that may introspect (*, none, or e.g. ADMIN); default * in development, none in production' },
    GATEWAY_QUERY_PLANNER: { schema: z.enum(['js', 'rust']).default('js'), description: 'rust: @graphql-hive/router-runtime (a devDependency; evaluated, not adopted: README "Performance")' },
  }),
  ...defineSettings('Rate limits (shared by every gateway process through PostgreSQL)', {
    RATE_LIMITS: { schema: z.enum(['on', 'off']).default('on'), description: 'count operations against each caller\'s and partner\'s budget' },
    RATE_LIMIT_WINDOW_SECONDS: { schema: z.coerce.number().int().min(1).max(86_400).default(60), description: 'the budgets\' window' },
    RATE_LIMIT_PER_PRINCIPAL: { schema: z.coerce.number().int().min(1).max(10_000_000).default(600), description: 'operations per window per token subject' },
    RATE_LIMIT_PER_PARTNER: { schema: z.coerce.number().int().min(1).max(10_000_000).default(3_000), description: 'operations per window for all accounts of one partner' },
    RATE_LIMIT_PARTNERS: { schema: namedNumbers(PARTNERS, 'partner=requests, e.g. police110=6000,petition=1200'), example: 'police110=6000,petition=1200', description: 'per-partner budgets overriding RATE_LIMIT_PER_PARTNER' },
  }),
  ...defineSettings('Scale-out and upstream (gateway → subgraphs)', {
    SUBGRAPH_URLS: {
      schema: z
        .string()
        .regex(/^[a-z][a-z0-9-]*=https?:\/\/[^,\s]+(,[a-z][a-z0-9-]*=https?:\/\/[^,\s]+)*$/, 'must be name=url pairs, e.g. hotline=http://10.0.0.5:4101/graphql,exchange=http://10.0.0.6:4102/graphql')
        .optional(),
      example: 'hotline=http://10.0.0.5:4101/graphql,exchange=http://10.0.0.6:4102/graphql',
      description: 'where the gateway reaches each subgraph (`--only <subgraph>` listens on its URL\'s port); unset names keep their defaults hotline :4101, exchange :4102, audit :4103, petition :4104, supervision :4105, utilities :4106 on 127.0.0.1',
    },
    UPSTREAM_TIMEOUT_MS: { schema: z.coerce.number().int().min(50).max(600_000).default(10_000), description: 'the gateway\'s timeout per subgraph call' },
    UPSTREAM_TIMEOUTS: { schema: namedNumbers(null, 'subgraph=milliseconds, e.g. audit=30000'), example: 'audit=30000', description: 'per-subgraph timeouts overriding UPSTREAM_TIMEOUT_MS' },
    UPSTREAM_RETRIES: { schema: z.coerce.number().int().min(0).max(5).default(1), description: 'retries of queries only; mutations are never retried' },
    UPSTREAM_RETRY_DELAY_MS: { schema: z.coerce.number().int().min(0).max(60_000).default(200), description: 'the first retry\'s delay, doubled per retry' },
  }),
  // The web console for auditors and managers at /console (issue 20): built by `npm run console:build`.
  ...defineSettings('Console', {
    CONSOLE: { schema: z.enum(['on', 'off']).default('on'), description: 'serve the web console at /console' },
    CONSOLE_DIR: { schema: z.string().min(1).default('dist/console'), description: 'the built console (`npm run console:build`)' },
    CONSOLE_OIDC_ISSUER: { schema: z.url().optional(), example: 'https://idp.example.gov.cn/realms/hotline', description: 'production sign-in: the identity provider of the OIDC authorization code flow with PKCE (with CONSOLE_OIDC_CLIENT_ID)' },
    CONSOLE_OIDC_CLIENT_ID: { schema: z.string().min(1).max(200).optional(), example: 'hotline-console', description: 'the console\'s public client id at the identity provider' },
    CONSOLE_OIDC_SCOPE: { schema: z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'must be space-separated OAuth scopes, e.g. "openid profile"').default('openid'), description: 'the scopes the console asks for' },
  }),
  ...defineSettings('Observability', {
    METRICS: { schema: z.enum(['on', 'off']).default('on'), description: 'GET /metrics (Prometheus) on the gateway and on each subgraph process' },
    OTEL_EXPORTER_OTLP_ENDPOINT: { schema: z.url().optional(), example: 'http://otel-collector:4318', description: 'spans as OTLP/HTTP JSON to <endpoint>/v1/traces' },
    OTEL_SERVICE_NAME: { schema: z.string().min(1).max(64).default('hotline-hub'), description: 'the service name on every span' },
  }),
  ...defineSettings('Development', {
    DEV_NOW: {
      schema: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, 'must be an ISO date-time with its offset, e.g. 2026-12-31T10:05:00+08:00')
        .refine((v) => !Number.isNaN(Date.parse(v)), 'is not a valid date-time')
        .optional(),
      example: '2026-12-31T10:05:00+08:00',
      description: "the hub's clock starts at this instant and runs forward (development and tests: deadlines across a year end, say)",
      production: 'must not be set',
    },
  }),
};

const envSchema = settingsSchema(PLATFORM_SETTINGS);

/** Where each subgraph listens when run as its own process (`npm start -- --only <name>`). */
export const DEFAULT_SUBGRAPH_URLS: Readonly<Record<string, string>> = Object.freeze({
  hotline: 'http://127.0.0.1:4101/graphql',
  exchange: 'http://127.0.0.1:4102/graphql',
  audit: 'http://127.0.0.1:4103/graphql',
  petition: 'http://127.0.0.1:4104/graphql',
  supervision: 'http://127.0.0.1:4105/graphql',
  utilities: 'http://127.0.0.1:4106/graphql',
});

/** Development defaults that must never reach production (each is refused there, by name). */
const DEVELOPMENT_JWT_ISSUER = 'hotline-hub-dev';

export type HubConfig = Readonly<{
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  databaseUrl: string | undefined;
  databasePoolMax: number;
  dataDir: string;
  demoData: boolean;
  jwt: { issuer: string; audience: string; jwksUrl: string | undefined };
  assertionTtlSeconds: number;
  /** Key of the keyed hashes of phones and ID numbers; development: generated in DATA_DIR. */
  piiHmacKey: Buffer | undefined;
  crypto: CryptoSettings;
  /** Outbox delivery and the supervision scheduler; off: nothing runs in the background (tests drive them). */
  backgroundJobs: boolean;
  /** How long a stop may wait for its steps before it closes what they hold and exits anyway. */
  shutdownGraceMs: number;
  supervisionSweepSeconds: number;
  audit: AuditSettings;
  /** Key text from the environment (production); undefined: development keys in DATA_DIR/keys. */
  assertionKeys: Readonly<{ privateKey: string | undefined; publicKey: string | undefined }>;
  gateway: GatewaySettings;
  /** Subgraph name → URL: where the gateway reaches it, and where `--only <name>` listens. */
  subgraphUrls: Readonly<Record<string, string>>;
  observability: Readonly<{ metrics: boolean; otlpEndpoint: string | undefined; serviceName: string }>;
  console: ConsoleSettings;
  /** `DEV_NOW`: where the hub's clock starts (development and tests only); undefined: the real time. */
  devNow: Date | undefined;
}>;

/** The web console at /console (federation/plugins/use-console.ts). */
export type ConsoleSettings = Readonly<{
  enabled: boolean;
  /** The built console (index.html and assets/), absolute. */
  dir: string;
  /** Pasting a development token: outside production only. */
  tokenSignIn: boolean;
  /** The identity provider's sign-in (authorization code with PKCE), when configured. */
  oidc: Readonly<{ issuer: string; clientId: string; scope: string }> | undefined;
}>;

/** What the gateway enforces before any subgraph is called (federation/plugins). */
export type GatewaySettings = Readonly<{
  maxBodyBytes: number;
  queryPlanner: 'js' | 'rust';
  /** Deadline of a query or mutation (and of receiving a request); subscriptions are not cut. */
  requestTimeoutMs: number;
  limits: OperationLimitSettings;
  trustedDocuments: Readonly<{
    /** Only documents of the manifest are executed (production default). */
    required: boolean;
    manifestPath: string;
    /** Roles that may still send other documents when they are required (none by default). */
    exemptRoles: readonly Role[];
  }>;
  /** Roles that may introspect the schema; `'*'` all (development default), `[]` none (production). */
  introspectionRoles: readonly Role[] | '*';
  /** Revealing limit values in error messages helps developers and attackers alike: off in production. */
  revealLimits: boolean;
  rateLimits: Readonly<{
    enabled: boolean;
    windowSeconds: number;
    perPrincipal: number;
    perPartner: number;
    /** Per-partner budgets overriding `perPartner`. */
    partners: Readonly<Record<string, number>>;
  }>;
  upstream: Readonly<{
    timeoutMs: number;
    /** Per-subgraph timeouts overriding `timeoutMs`. */
    timeouts: Readonly<Record<string, number>>;
    /** Retries of queries only; mutations are never retried (docs/stack.md). */
    retries: number;
    retryDelayMs: number;
  }>;
}>;

export type OperationLimitSettings = Readonly<{
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxRootFields: number;
  /** Largest page (`first`/`last`) any field may ask for. */
  maxListSize: number;
  maxCost: number;
  /** Length assumed for lists without a page argument when computing the cost. */
  defaultListSize: number;
}>;

/** Encryption at rest (issue 18; src/platform/crypto). */
export type CryptoSettings = Readonly<{
  profile: 'intl' | 'gm';
  /** Unwrapped data keys are kept in memory this long (another process forgets a destroyed key within it). */
  keyCacheSeconds: number;
  keyProvider:
    | Readonly<{ kind: 'local' }>
    | Readonly<{ kind: 'vault-transit'; url: string; token: string; keyName: string; mount: string; caFile: string | undefined; timeoutMs: number }>;
}>;

/** What the auditors' subgraph reads from the environment. */
export type AuditSettings = Readonly<{
  /** A principal reading the contact data of more distinct cases than this in a report's window is listed. */
  bulkReadThreshold: number;
  /** A principal with at least this many DENIED field decisions in the window is listed. */
  denialThreshold: number;
  /** Working hours in China time (UTC+8), [start, end): reads outside them, or on a weekend, are listed. */
  workHours: Readonly<{ start: number; end: number }>;
  /** The most events one export returns; the rest is fetched with the export's cursor. */
  exportMaxRows: number;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; each bad variable yields one line naming the variable and the reason. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): HubConfig {
  const parsed = envSchema.safeParse(pickKnown(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const got = env[name];
        return `${name}: ${issue.message}${got === undefined ? '' : ` (got "${redactValue(name, got)}")`}`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production' && !e.JWKS_URL) {
    problems.push('JWKS_URL: required when NODE_ENV=production (the identity provider\'s key set; development keys are refused)');
  }
  if (e.NODE_ENV === 'production' && !e.PII_HMAC_KEY) {
    problems.push('PII_HMAC_KEY: required when NODE_ENV=production (a development key would make hashed phone numbers guessable)');
  }
  problems.push(...cryptoProblems(e, env));
  if (e.NODE_ENV === 'production') problems.push(...productionProblems(e, env));
  if (Boolean(e.CONSOLE_OIDC_ISSUER) !== Boolean(e.CONSOLE_OIDC_CLIENT_ID)) {
    problems.push(`${e.CONSOLE_OIDC_ISSUER ? 'CONSOLE_OIDC_CLIENT_ID' : 'CONSOLE_OIDC_ISSUER'}: required with ${e.CONSOLE_OIDC_ISSUER ? 'CONSOLE_OIDC_ISSUER' : 'CONSOLE_OIDC_CLIENT_ID'} (the console's sign-in needs both the identity provider and its client id)`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const production = e.NODE_ENV === 'production';
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    // Production never loads the demo province unless asked, and productionProblems refuses asking.
    demoData: production ? env.DEMO_DATA === 'on' : e.DEMO_DATA === 'on',
    jwt: { issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, jwksUrl: e.JWKS_URL },
    assertionTtlSeconds: e.ASSERTION_TTL_SECONDS,
    piiHmacKey: e.PII_HMAC_KEY ? Buffer.from(e.PII_HMAC_KEY, 'base64') : undefined,
    crypto: Object.freeze({
      profile: e.CRYPTO_PROFILE,
      keyCacheSeconds: e.CRYPTO_KEY_CACHE_SECONDS,
      keyProvider:
        e.KEY_PROVIDER === 'local'
          ? Object.freeze({ kind: 'local' as const })
          : Object.freeze({
              kind: 'vault-transit' as const,
              url: e.KMS_URL!,
              token: e.KMS_TOKEN!,
              keyName: e.KMS_KEY_NAME,
              mount: e.KMS_MOUNT,
              caFile: e.KMS_CA_FILE ? path.resolve(cwd, e.KMS_CA_FILE) : undefined,
              timeoutMs: e.KMS_TIMEOUT_MS,
            }),
    }),
    backgroundJobs: e.BACKGROUND_JOBS === 'on',
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    supervisionSweepSeconds: e.SUPERVISION_SWEEP_SECONDS,
    audit: Object.freeze({
      bulkReadThreshold: e.AUDIT_BULK_READ_THRESHOLD,
      denialThreshold: e.AUDIT_DENIAL_THRESHOLD,
      workHours: Object.freeze({ start: Number(e.AUDIT_WORK_HOURS.slice(0, 2)), end: Number(e.AUDIT_WORK_HOURS.slice(3)) }),
      exportMaxRows: e.AUDIT_EXPORT_MAX_ROWS,
    }),
    assertionKeys: Object.freeze({ privateKey: e.ASSERTION_PRIVATE_KEY, publicKey: e.ASSERTION_PUBLIC_KEY }),
    gateway: Object.freeze({
      maxBodyBytes: e.GATEWAY_MAX_BODY_BYTES,
      queryPlanner: e.GATEWAY_QUERY_PLANNER,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      limits: Object.freeze({
        maxDepth: e.LIMIT_MAX_DEPTH,
        maxAliases: e.LIMIT_MAX_ALIASES,
        maxTokens: e.LIMIT_MAX_TOKENS,
        maxDirectives: e.LIMIT_MAX_DIRECTIVES,
        maxRootFields: e.LIMIT_MAX_ROOT_FIELDS,
        maxListSize: e.LIMIT_MAX_LIST_SIZE,
        maxCost: e.LIMIT_MAX_COST,
        defaultListSize: e.LIMIT_DEFAULT_LIST_SIZE,
      }),
      trustedDocuments: Object.freeze({
        required: (e.TRUSTED_DOCUMENTS ?? (production ? 'required' : 'optional')) === 'required',
        manifestPath: path.resolve(cwd, e.TRUSTED_DOCUMENTS_MANIFEST),
        exemptRoles: e.ARBITRARY_DOCUMENT_ROLES === '*' ? ROLES : Object.freeze(e.ARBITRARY_DOCUMENT_ROLES ?? []),
      }),
      introspectionRoles: e.INTROSPECTION_ROLES ?? (production ? Object.freeze([]) : '*'),
      revealLimits: !production,
      rateLimits: Object.freeze({
        enabled: e.RATE_LIMITS === 'on',
        windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
        perPrincipal: e.RATE_LIMIT_PER_PRINCIPAL,
        perPartner: e.RATE_LIMIT_PER_PARTNER,
        partners: Object.freeze(e.RATE_LIMIT_PARTNERS ?? {}),
      }),
      upstream: Object.freeze({
        timeoutMs: e.UPSTREAM_TIMEOUT_MS,
        timeouts: Object.freeze(e.UPSTREAM_TIMEOUTS ?? {}),
        retries: e.UPSTREAM_RETRIES,
        retryDelayMs: e.UPSTREAM_RETRY_DELAY_MS,
      }),
    }),
    subgraphUrls: Object.freeze({ ...DEFAULT_SUBGRAPH_URLS, ...parseNamed(e.SUBGRAPH_URLS) }),
    observability: Object.freeze({ metrics: e.METRICS === 'on', otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME }),
    console: Object.freeze({
      enabled: e.CONSOLE === 'on',
      dir: path.resolve(cwd, e.CONSOLE_DIR),
      tokenSignIn: !production,
      oidc:
        e.CONSOLE_OIDC_ISSUER && e.CONSOLE_OIDC_CLIENT_ID
          ? Object.freeze({ issuer: e.CONSOLE_OIDC_ISSUER.replace(/\/+$/, ''), clientId: e.CONSOLE_OIDC_CLIENT_ID, scope: e.CONSOLE_OIDC_SCOPE })
          : undefined,
    }),
    devNow: e.DEV_NOW ? new Date(e.DEV_NOW) : undefined,
  });
}

type Env = z.infer<typeof envSchema>;

/**
 * Production refuses development keys and default secrets (issue 9, point 10), one line per
 * variable. JWKS_URL and PII_HMAC_KEY are checked above; the assertion key pair is read from the
 * environment here, never from DATA_DIR/keys.
 */
function productionProblems(e: Env, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (!e.ASSERTION_PRIVATE_KEY && !e.ASSERTION_PUBLIC_KEY) {
    problems.push(
      'ASSERTION_PRIVATE_KEY: required when NODE_ENV=production for the gateway (ASSERTION_PUBLIC_KEY for a subgraph-only process); development keys in DATA_DIR are refused',
    );
  }
  if (e.ASSERTION_PRIVATE_KEY && !/"d"\s*:|PRIVATE KEY/.test(e.ASSERTION_PRIVATE_KEY)) {
    problems.push('ASSERTION_PRIVATE_KEY: this is a public key; the gateway signs with the private key of the pair');
  }
  if (e.JWT_ISSUER === DEVELOPMENT_JWT_ISSUER) {
    problems.push(`JWT_ISSUER: the development issuer "${DEVELOPMENT_JWT_ISSUER}" is refused when NODE_ENV=production; set your identity provider's issuer`);
  }
  if (!e.DATABASE_URL) {
    problems.push('DATABASE_URL: required when NODE_ENV=production (the embedded PostgreSQL has a built-in password and runs inside one process)');
  }
  if (e.DEV_NOW) {
    problems.push('DEV_NOW: must not be set when NODE_ENV=production (deadlines, audit times and token expiry follow the real clock)');
  }
  if (env.DEMO_DATA === 'on') {
    problems.push('DEMO_DATA: must be off when NODE_ENV=production (the demo province would be written into the production database)');
  }
  return problems;
}

/** The key provider's settings hang together; production holds its KEK outside the machine, over HTTPS. */
function cryptoProblems(e: Env, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (e.KEY_PROVIDER === 'vault-transit') {
    if (!e.KMS_URL) problems.push('KMS_URL: required when KEY_PROVIDER=vault-transit (the KMS holding the key-encryption key)');
    if (!e.KMS_TOKEN) problems.push('KMS_TOKEN: required when KEY_PROVIDER=vault-transit (the token the KMS grants the hub)');
    if (e.KMS_CA_FILE && !fs.existsSync(e.KMS_CA_FILE)) problems.push(`KMS_CA_FILE: no such file (${e.KMS_CA_FILE})`);
  }
  if (e.NODE_ENV === 'production') {
    // Asked for explicitly, the development key file is refused here; left unset, it is refused when the keys are
    // first opened (openCrypto), because no table is encrypted yet (docs/encryption.md, "For the integration").
    if (env.KEY_PROVIDER === 'local') {
      problems.push('KEY_PROVIDER: local (a key file in DATA_DIR) is refused when NODE_ENV=production; set KEY_PROVIDER=vault-transit with KMS_URL and KMS_TOKEN');
    } else if (e.KMS_URL && !e.KMS_URL.startsWith('https://')) {
      problems.push('KMS_URL: must be https:// when NODE_ENV=production (data keys travel to and from the KMS)');
    }
  }
  return problems;
}

function isKeyText(value: string): boolean {
  const text = value.trim();
  if (/^-----BEGIN (PRIVATE|PUBLIC) KEY-----[\s\S]+-----END (PRIVATE|PUBLIC) KEY-----$/.test(text)) return true;
  try {
    const jwk = JSON.parse(text) as { kty?: unknown; crv?: unknown; x?: unknown };
    return jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string';
  } catch {
    return false;
  }
}

/** `*` (every role), `none`, or a comma-separated list of roles, e.g. `ADMIN,ANALYST`. */
function roleSet() {
  return z.string().transform((value, ctx): readonly Role[] | '*' => {
    const text = value.trim();
    if (text === '*') return '*';
    if (text === 'none') return Object.freeze([]);
    const roles = text.split(',').map((r) => r.trim());
    const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `must be *, none, or roles among ${ROLES.join(', ')} (unknown: ${unknown.join(', ')})` });
      return z.NEVER;
    }
    return Object.freeze(roles as Role[]);
  });
}

/** `name=number,name=number`; with `names`, each name must be one of them. */
function namedNumbers(names: readonly string[] | null, example: string) {
  return z
    .string()
    .regex(/^[a-z][a-z0-9-]*=\d+(,[a-z][a-z0-9-]*=\d+)*$/, `must be ${example}`)
    .transform((value) => Object.fromEntries(Object.entries(parseNamed(value)).map(([k, v]) => [k, Number(v)])))
    .refine((record) => !names || Object.keys(record).every((k) => names.includes(k)), `names must be among ${names?.join(', ')}`)
    .optional();
}

function parseNamed(value: string | undefined): Record<string, string> {
  if (!value) return {};
  return Object.fromEntries(
    value.split(',').map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    }),
  );
}

function pickKnown(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    // An empty variable means "not set": `PORT= npm start` should not fail on "".
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}

/** Never echo a credential back into a log or terminal. */
function redactValue(name: string, value: string): string {
  if (name === 'DATABASE_URL') return value.replace(/\/\/[^@/]*@/, '//***@');
  if ((PLATFORM_SETTINGS as Record<string, Setting | undefined>)[name]?.secret || name.endsWith('_KEY') || name.endsWith('_SECRET') || name.endsWith('_TOKEN')) return '***';
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
