import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PARTNERS, ROLES, type Role } from './identity/principal';

/**
 * Process configuration, read once from the environment and validated at start-up.
 * Everything a city changes at run time (catalog, SLA profiles, weights) lives in the database instead.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(20),
  DATA_DIR: z.string().min(1).default('.data'),
  DEMO_DATA: z.enum(['on', 'off']).default('on'),
  JWT_ISSUER: z.string().min(1).default('hotline-hub-dev'),
  JWT_AUDIENCE: z.string().min(1).default('hotline-hub'),
  JWKS_URL: z.url().optional(),
  ASSERTION_TTL_SECONDS: z.coerce.number().int().min(5).max(300).default(30),
  BACKGROUND_JOBS: z.enum(['on', 'off']).default('on'),
  // Shutdown (SIGTERM): what may still finish — requests, the outbox message in hand, closing the
  // pools — before connections PostgreSQL no longer answers on are closed and the process exits.
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  SUPERVISION_SWEEP_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  PII_HMAC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43,}={0,2}$/, 'must be at least 32 random bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
  // Encryption at rest (issue 18): the crypto profile and where the key-encryption key lives.
  CRYPTO_PROFILE: z.enum(['intl', 'gm']).default('intl'),
  KEY_PROVIDER: z.enum(['local', 'vault-transit']).default('local'),
  KMS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of the KMS, e.g. https://kms.gov.internal:8200' }).optional(),
  KMS_TOKEN: z.string().min(8, 'must be the KMS access token (at least 8 characters)').optional(),
  KMS_KEY_NAME: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be the KMS key name (letters, digits, _ and -)').default('hotline-hub'),
  KMS_MOUNT: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be the Transit mount path, e.g. transit').default('transit'),
  KMS_CA_FILE: z.string().min(1).optional(),
  KMS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  CRYPTO_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(3_600).default(300),
  // Unusual-access report (issue 4, point 8): local rules, so configuration, never constants.
  AUDIT_BULK_READ_THRESHOLD: z.coerce.number().int().min(1).max(100_000).default(50),
  AUDIT_DENIAL_THRESHOLD: z.coerce.number().int().min(1).max(100_000).default(10),
  AUDIT_WORK_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-4])-([01]\d|2[0-4])$/, 'must be HH-HH in China time, e.g. 08-20')
    .refine((v) => !/^\d\d-\d\d$/.test(v) || Number(v.slice(0, 2)) < Number(v.slice(3)), 'the working day must start before it ends, e.g. 08-20')
    .default('08-20'),
  AUDIT_EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(50_000),

  // Gateway hardening (issue 9). Defaults are the production values; every one can be tightened.
  // The assertion keys: JWK (JSON) or PEM (PKCS#8 private, SPKI public), Ed25519. Production reads them
  // from here; development generates them in DATA_DIR/keys.
  ASSERTION_PRIVATE_KEY: z.string().refine(isKeyText, 'must be an Ed25519 key as JWK (JSON) or PEM').optional(),
  ASSERTION_PUBLIC_KEY: z.string().refine(isKeyText, 'must be an Ed25519 key as JWK (JSON) or PEM').optional(),
  GATEWAY_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(10_000_000).default(131_072),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  LIMIT_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(10),
  LIMIT_MAX_ALIASES: z.coerce.number().int().min(0).max(1_000).default(15),
  LIMIT_MAX_TOKENS: z.coerce.number().int().min(50).max(20_000).default(2_000),
  LIMIT_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1_000).default(10),
  LIMIT_MAX_ROOT_FIELDS: z.coerce.number().int().min(1).max(100).default(8),
  LIMIT_MAX_LIST_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
  LIMIT_MAX_COST: z.coerce.number().int().min(1).max(100_000_000).default(10_000),
  LIMIT_DEFAULT_LIST_SIZE: z.coerce.number().int().min(1).max(10_000).default(10),
  TRUSTED_DOCUMENTS: z.enum(['required', 'optional']).optional(),
  TRUSTED_DOCUMENTS_MANIFEST: z.string().min(1).default('schema/generated/persisted-documents.json'),
  ARBITRARY_DOCUMENT_ROLES: roleSet().optional(),
  INTROSPECTION_ROLES: roleSet().optional(),
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  // The gateway's query planner: the runtime's own (js) or @graphql-hive/router-runtime's Rust planner
  // (rust, a devDependency: evaluated by issue 7, not adopted — see README "Performance").
  GATEWAY_QUERY_PLANNER: z.enum(['js', 'rust']).default('js'),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  RATE_LIMIT_PER_PRINCIPAL: z.coerce.number().int().min(1).max(10_000_000).default(600),
  RATE_LIMIT_PER_PARTNER: z.coerce.number().int().min(1).max(10_000_000).default(3_000),
  RATE_LIMIT_PARTNERS: namedNumbers(PARTNERS, 'partner=requests, e.g. police110=6000,petition=1200'),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(50).max(600_000).default(10_000),
  UPSTREAM_TIMEOUTS: namedNumbers(null, 'subgraph=milliseconds, e.g. audit=30000'),
  UPSTREAM_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  UPSTREAM_RETRY_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(200),
  SUBGRAPH_URLS: z
    .string()
    .regex(/^[a-z][a-z0-9-]*=https?:\/\/[^,\s]+(,[a-z][a-z0-9-]*=https?:\/\/[^,\s]+)*$/, 'must be name=url pairs, e.g. hotline=http://10.0.0.5:4101/graphql,exchange=http://10.0.0.6:4102/graphql')
    .optional(),
  METRICS: z.enum(['on', 'off']).default('on'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).max(64).default('hotline-hub'),
  // Development and tests only: the hub's clock starts at this instant and runs forward (refused in production).
  DEV_NOW: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, 'must be an ISO date-time with its offset, e.g. 2026-12-31T10:05:00+08:00')
    .refine((v) => !Number.isNaN(Date.parse(v)), 'is not a valid date-time')
    .optional(),
});

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
  /** `DEV_NOW`: where the hub's clock starts (development and tests only); undefined: the real time. */
  devNow: Date | undefined;
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
    /** Retries of queries only; mutations are never retried (STACK.md). */
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
  if (name.endsWith('_KEY') || name.endsWith('_SECRET') || name.endsWith('_TOKEN')) return '***';
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
