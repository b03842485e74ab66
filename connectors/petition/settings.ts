import { ConfigError } from '../../src/platform/config';
import { loadOrCreateSecret } from '../../src/platform/identity/keys';

/**
 * The petition channel check's settings, from the environment:
 *   PETITION_CORRELATION_SECRET  base64, ≥ 32 bytes, agreed with the petition bureau (development:
 *                                generated once in DATA_DIR/keys, shared with the simulator)
 *   PETITION_WINDOW_DAYS         how far back a petition counts as the same matter (default 180)
 */
export type PetitionSettings = { correlationSecret: Buffer; windowDays: number };

export function loadPetitionSettings(env: NodeJS.ProcessEnv, { production, dataDir }: { production: boolean; dataDir: string }): PetitionSettings {
  const problems: string[] = [];
  let correlationSecret: Buffer | undefined;
  const raw = env.PETITION_CORRELATION_SECRET?.trim();
  if (raw) {
    correlationSecret = Buffer.from(raw, 'base64');
    if (correlationSecret.length < 32) problems.push('PETITION_CORRELATION_SECRET: must be at least 32 bytes, base64-encoded');
  } else if (production) {
    problems.push('PETITION_CORRELATION_SECRET: required when NODE_ENV=production (the correlation key agreed with the petition bureau)');
  }
  const days = Number(env.PETITION_WINDOW_DAYS ?? 180);
  if (!Number.isInteger(days) || days < 1 || days > 3650) problems.push(`PETITION_WINDOW_DAYS: must be a whole number of days from 1 to 3650 (got "${env.PETITION_WINDOW_DAYS}")`);
  if (problems.length) throw new ConfigError(problems);
  return { correlationSecret: correlationSecret ?? loadOrCreateSecret(dataDir, 'petition-correlation'), windowDays: days };
}
