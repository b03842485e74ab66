import path from 'node:path';
import { z } from 'zod';

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
  SUPERVISION_SWEEP_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  PII_HMAC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43,}={0,2}$/, 'must be at least 32 random bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
  // Unusual-access report (issue 4, point 8): local rules, so configuration, never constants.
  AUDIT_BULK_READ_THRESHOLD: z.coerce.number().int().min(1).max(100_000).default(50),
  AUDIT_DENIAL_THRESHOLD: z.coerce.number().int().min(1).max(100_000).default(10),
  AUDIT_WORK_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-4])-([01]\d|2[0-4])$/, 'must be HH-HH in China time, e.g. 08-20')
    .refine((v) => !/^\d\d-\d\d$/.test(v) || Number(v.slice(0, 2)) < Number(v.slice(3)), 'the working day must start before it ends, e.g. 08-20')
    .default('08-20'),
  AUDIT_EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(50_000),
});

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
  /** Outbox delivery and the supervision scheduler; off: nothing runs in the background (tests drive them). */
  backgroundJobs: boolean;
  supervisionSweepSeconds: number;
  audit: AuditSettings;
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
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    demoData: e.DEMO_DATA === 'on',
    jwt: { issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, jwksUrl: e.JWKS_URL },
    assertionTtlSeconds: e.ASSERTION_TTL_SECONDS,
    piiHmacKey: e.PII_HMAC_KEY ? Buffer.from(e.PII_HMAC_KEY, 'base64') : undefined,
    backgroundJobs: e.BACKGROUND_JOBS === 'on',
    supervisionSweepSeconds: e.SUPERVISION_SWEEP_SECONDS,
    audit: Object.freeze({
      bulkReadThreshold: e.AUDIT_BULK_READ_THRESHOLD,
      denialThreshold: e.AUDIT_DENIAL_THRESHOLD,
      workHours: Object.freeze({ start: Number(e.AUDIT_WORK_HOURS.slice(0, 2)), end: Number(e.AUDIT_WORK_HOURS.slice(3)) }),
      exportMaxRows: e.AUDIT_EXPORT_MAX_ROWS,
    }),
  });
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
  if (name.endsWith('_KEY') || name.endsWith('_SECRET')) return '***';
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
