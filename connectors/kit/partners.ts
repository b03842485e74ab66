import { z } from 'zod';
import { ConfigError } from '../../src/platform/config';
import { loadOrCreateSecret } from '../../src/platform/identity/keys';
import { PARTNERS, type PartnerName } from '../../src/platform/identity/principal';
import { defineSettings, readSetting } from '../../src/platform/settings';
import { generateSecret } from './signing';

/**
 * The partner registry (docs/design.md decision 8: partner endpoints and secrets are configuration).
 * One entry per partner system of docs/api.md; each is read from the environment:
 *
 *   PARTNER_<NAME>_URL            where the hub POSTs signed events (none: the partner only pulls
 *                                 through GraphQL, and outbound messages wait until a URL is set)
 *   PARTNER_<NAME>_SECRETS        whsec_… secret(s); two, comma-separated, during a rotation
 *                                 (the hub signs with both and accepts either)
 *   PARTNER_<NAME>_TIMEOUT_MS     per-request timeout (default PARTNER_TIMEOUT_MS, 10 000)
 *   PARTNER_<NAME>_MAX_ATTEMPTS   attempts before dead-lettering (default PARTNER_MAX_ATTEMPTS, 12)
 *
 * <NAME> is the partner name upper-cased with dashes as underscores (POLICE110, UTILITY_WATER).
 * Outside production a partner without secrets gets one generated once in DATA_DIR/keys
 * (`partner-<name>.secret`), so the simulators started beside the hub share it; in production a
 * partner without secrets is not connected (its webhooks are refused), and a URL without secrets
 * is refused at start-up.
 */
export type PartnerConfig = Readonly<{
  name: PartnerName;
  /** Where outbound events go; undefined: nothing is pushed (GraphQL-only partner). */
  url: string | undefined;
  /** whsec_… secrets, the current one first. */
  secrets: readonly string[];
  timeoutMs: number;
  maxAttempts: number;
}>;

export type PartnerRegistry = Readonly<{
  names: readonly PartnerName[];
  get(name: string): PartnerConfig | undefined;
  /** The partner, or an Error naming the known ones (for routes and mutations). */
  require(name: string): PartnerConfig;
  /** A copy with some entries changed (tests point a partner at a simulator on an ephemeral port). */
  with(overrides: Partial<Record<PartnerName, Partial<Omit<PartnerConfig, 'name'>>>>): PartnerRegistry;
}>;

export function isPartnerName(name: string): name is PartnerName {
  return (PARTNERS as readonly string[]).includes(name);
}

export function partnerEnvName(partner: PartnerName, setting: 'URL' | 'SECRETS' | 'TIMEOUT_MS' | 'MAX_ATTEMPTS'): string {
  return `PARTNER_${partner.toUpperCase().replace(/-/g, '_')}_${setting}`;
}

/** The partner settings (a family per partner: <NAME> is POLICE110, FIRE119, UTILITY_WATER …). */
export const PARTNER_SETTINGS = defineSettings('Partner systems', {
  PARTNER_TIMEOUT_MS: { schema: z.coerce.number().int().min(100).max(300_000).default(10_000), description: 'timeout of one push to a partner' },
  PARTNER_MAX_ATTEMPTS: { schema: z.coerce.number().int().min(1).max(100).default(12), description: 'attempts before a message to a partner is dead-lettered (docs/partners/police110.md has the schedule)' },
  'PARTNER_<NAME>_URL': { schema: z.url({ protocol: /^https?$/ }).optional(), example: 'https://110.example.gov.cn/hub/webhook', description: "where the hub pushes the partner's signed events; unset: nothing is pushed (the partner pulls through GraphQL), and in development the simulator's URL", production: 'https://' },
  'PARTNER_<NAME>_SECRETS': { schema: z.string().optional(), secret: true, description: "the partner's webhook secret whsec_…; two, comma-separated, during a rotation (the hub signs with both and accepts either); development: generated in DATA_DIR/keys", production: 'required for every partner with a URL' },
  'PARTNER_<NAME>_TIMEOUT_MS': { schema: z.coerce.number().int().min(100).max(300_000).optional(), example: '5000', description: 'this partner\'s push timeout, overriding PARTNER_TIMEOUT_MS' },
  'PARTNER_<NAME>_MAX_ATTEMPTS': { schema: z.coerce.number().int().min(1).max(100).optional(), example: '20', description: 'this partner\'s attempts, overriding PARTNER_MAX_ATTEMPTS' },
});

const secretText = z.string().regex(/^whsec_[A-Za-z0-9+/]{22,}={0,2}$/, 'must be whsec_<base64 of at least 16 bytes>');

export type PartnerRegistryOptions = {
  production: boolean;
  /** Where development secrets are kept (DATA_DIR). */
  dataDir: string;
};

/** Reads and validates every partner's settings; each bad variable is one line of the ConfigError. */
export function loadPartnerRegistry(env: NodeJS.ProcessEnv, { production, dataDir }: PartnerRegistryOptions): PartnerRegistry {
  const problems: string[] = [];
  const S = PARTNER_SETTINGS;
  const defaultTimeout = readSetting(S.PARTNER_TIMEOUT_MS, env, problems) ?? 10_000;
  const defaultAttempts = readSetting(S.PARTNER_MAX_ATTEMPTS, env, problems) ?? 12;
  const entries = PARTNERS.map((name): PartnerConfig => {
    const urlName = partnerEnvName(name, 'URL');
    const secretsName = partnerEnvName(name, 'SECRETS');
    const rawUrl = env[urlName]?.trim() || undefined;
    if (rawUrl && !S['PARTNER_<NAME>_URL'].schema.safeParse(rawUrl).success) problems.push(`${urlName}: must be an http(s) URL (got "${rawUrl}")`);
    if (rawUrl && production && !rawUrl.startsWith('https://')) problems.push(`${urlName}: must be https:// when NODE_ENV=production`);
    let secrets = (env[secretsName] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (secrets.length > 2) problems.push(`${secretsName}: at most two secrets (the current one and the next, during a rotation)`);
    for (const [i, secret] of secrets.entries()) {
      if (!secretText.safeParse(secret).success) problems.push(`${secretsName}: secret ${i + 1} must be whsec_<base64 of at least 16 bytes>`);
    }
    if (secrets.length === 0) {
      // Production: a partner without a secret is not connected (its webhooks are refused, nothing is pushed to it).
      if (production && rawUrl) problems.push(`${secretsName}: required with ${urlName} (the partner's webhook secret, whsec_…)`);
      if (!production) secrets = [developmentSecret(dataDir, name)];
    }
    return Object.freeze({
      name,
      url: rawUrl,
      secrets: Object.freeze(secrets),
      timeoutMs: readSetting(S['PARTNER_<NAME>_TIMEOUT_MS'], env, problems, partnerEnvName(name, 'TIMEOUT_MS')) ?? defaultTimeout,
      maxAttempts: readSetting(S['PARTNER_<NAME>_MAX_ATTEMPTS'], env, problems, partnerEnvName(name, 'MAX_ATTEMPTS')) ?? defaultAttempts,
    });
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return registryOf(entries);
}

/** The development secret of `partner`, shared through DATA_DIR by the hub and the simulators. */
export function developmentSecret(dataDir: string, partner: PartnerName): string {
  return `whsec_${loadOrCreateSecret(dataDir, `partner-${partner}`).toString('base64')}`;
}

function registryOf(entries: readonly PartnerConfig[]): PartnerRegistry {
  const byName = new Map(entries.map((e) => [e.name as string, e]));
  const registry: PartnerRegistry = {
    names: entries.map((e) => e.name),
    get: (name) => byName.get(name),
    require(name) {
      const partner = byName.get(name);
      if (!partner) throw new Error(`unknown partner "${name}" (known: ${PARTNERS.join(', ')})`);
      return partner;
    },
    with(overrides) {
      return registryOf(entries.map((e) => Object.freeze({ ...e, ...overrides[e.name], name: e.name })));
    },
  };
  return Object.freeze(registry);
}

/** A registry built in code (tests, simulators): every partner, with a fresh secret unless given. */
export function partnerRegistry(overrides: Partial<Record<PartnerName, Partial<Omit<PartnerConfig, 'name'>>>> = {}): PartnerRegistry {
  return registryOf(PARTNERS.map((name) => Object.freeze({ name, url: undefined, secrets: [generateSecret()], timeoutMs: 10_000, maxAttempts: 12, ...overrides[name] })));
}
