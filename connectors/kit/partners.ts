import { z } from 'zod';
import { ConfigError } from '../../src/platform/config';
import { loadOrCreateSecret } from '../../src/platform/identity/keys';
import { PARTNERS, type PartnerName } from '../../src/platform/identity/principal';
import { generateSecret } from './signing';

/**
 * The partner registry (DESIGN.md decision 8: partner endpoints and secrets are configuration).
 * One entry per partner system of API.md; each is read from the environment:
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

const secretText = z.string().regex(/^whsec_[A-Za-z0-9+/]{22,}={0,2}$/, 'must be whsec_<base64 of at least 16 bytes>');

export type PartnerRegistryOptions = {
  production: boolean;
  /** Where development secrets are kept (DATA_DIR). */
  dataDir: string;
};

/** Reads and validates every partner's settings; each bad variable is one line of the ConfigError. */
export function loadPartnerRegistry(env: NodeJS.ProcessEnv, { production, dataDir }: PartnerRegistryOptions): PartnerRegistry {
  const problems: string[] = [];
  const number = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}: must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const defaultTimeout = number('PARTNER_TIMEOUT_MS', 10_000, 100, 300_000);
  const defaultAttempts = number('PARTNER_MAX_ATTEMPTS', 12, 1, 100);
  const entries = PARTNERS.map((name): PartnerConfig => {
    const urlName = partnerEnvName(name, 'URL');
    const secretsName = partnerEnvName(name, 'SECRETS');
    const rawUrl = env[urlName]?.trim() || undefined;
    if (rawUrl && !z.url({ protocol: /^https?$/ }).safeParse(rawUrl).success) problems.push(`${urlName}: must be an http(s) URL (got "${rawUrl}")`);
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
      timeoutMs: number(partnerEnvName(name, 'TIMEOUT_MS'), defaultTimeout, 100, 300_000),
      maxAttempts: number(partnerEnvName(name, 'MAX_ATTEMPTS'), defaultAttempts, 1, 100),
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
