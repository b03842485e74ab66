import { z } from 'zod';
import { ConfigError } from '../../src/platform/config';
import { loadOrCreateSecret } from '../../src/platform/identity/keys';
import { defineSettings, readSetting } from '../../src/platform/settings';

/** The petition channel check's settings (part of the settings registry). */
export const PETITION_SETTINGS = defineSettings('Petition channel check', {
  PETITION_CORRELATION_SECRET: {
    schema: z.string().refine((v) => Buffer.from(v, 'base64').length >= 32, 'must be at least 32 bytes, base64-encoded').optional(),
    secret: true,
    description: 'the key of the correlation key agreed with the petition bureau (base64, ≥ 32 bytes; docs/partners/petition.md); development: generated in DATA_DIR/keys and shared with the simulator',
    production: 'required',
  },
  PETITION_WINDOW_DAYS: { schema: z.coerce.number().int().min(1).max(3650).default(180), description: 'how far back a petition counts as the same matter' },
});

export type PetitionSettings = { correlationSecret: Buffer; windowDays: number };

export function loadPetitionSettings(env: NodeJS.ProcessEnv, { production, dataDir }: { production: boolean; dataDir: string }): PetitionSettings {
  const problems: string[] = [];
  const secret = readSetting(PETITION_SETTINGS.PETITION_CORRELATION_SECRET, env, problems);
  const windowDays = readSetting(PETITION_SETTINGS.PETITION_WINDOW_DAYS, env, problems) ?? 180;
  if (!secret && production && problems.length === 0) {
    problems.push('PETITION_CORRELATION_SECRET: required when NODE_ENV=production (the correlation key agreed with the petition bureau)');
  }
  if (problems.length) throw new ConfigError(problems);
  return { correlationSecret: secret ? Buffer.from(secret, 'base64') : loadOrCreateSecret(dataDir, 'petition-correlation'), windowDays };
}
