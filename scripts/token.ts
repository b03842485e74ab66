/**
 * `npm run token -- --role HANDLER --unit <unitId> [--region <code>] [--partner <name>] [--vendor <id>] [--sub <id>] [--name <name>] [--ttl <hours>]`
 * Prints a development JWT that the locally running hub accepts (signed with the key in DATA_DIR).
 * Production hubs verify the identity provider's JWKS instead and never accept these.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/platform/config';
import { readDevClock } from '../src/platform/dev-clock';
import { loadOrCreateKeyPair } from '../src/platform/identity/keys';
import { PARTNERS, principalSchema, ROLES } from '../src/platform/identity/principal';
import { issueToken } from '../src/platform/identity/tokens';
import { fromGlobalId } from '../src/platform/graphql/ids';

const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> [--unit <unitId: the id from { units { id } }, or its uuid>] [--region <6-digit code>]
                      [--partner <${PARTNERS.join('|')}>] [--vendor <id>] [--sub <id>] [--name <name>] [--ttl <hours>]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      unit: { type: 'string' },
      region: { type: 'string' },
      partner: { type: 'string' },
      vendor: { type: 'string' },
      sub: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string', default: '12' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.role) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const config = loadConfig();
  if (config.env === 'production') throw new Error('development tokens are refused in production; use your identity provider');
  const candidate = {
    sub: values.sub ?? `dev-${values.role.toLowerCase()}`,
    name: values.name,
    role: values.role,
    // `{ units { id } }` answers global ids (base64 "Unit:<uuid>"); the token carries the uuid.
    unit: values.unit === undefined ? undefined : (fromGlobalId('Unit', values.unit) ?? values.unit),
    region: values.region,
    vendor: values.vendor,
    partner: values.partner,
  };
  const parsed = principalSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.') || 'role'}: ${issue.message}`);
    console.error(USAGE);
    process.exit(2);
  }
  const ttlHours = Number(values.ttl);
  if (!Number.isFinite(ttlHours) || ttlHours <= 0 || ttlHours > 24 * 30) throw new Error('--ttl: must be a number of hours between 0 and 720');
  const keys = await loadOrCreateKeyPair(config.dataDir, 'jwt');
  // A hub started with DEV_NOW on this DATA_DIR lives at another time: issue the token at its time.
  const now = readDevClock(config.dataDir)?.now();
  const token = await issueToken(parsed.data, { ...keys, issuer: config.jwt.issuer, audience: config.jwt.audience, ttlSeconds: Math.round(ttlHours * 3600), now });
  process.stdout.write(`${token}\n`);
}

main().catch((error) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
