import type { DbModule } from '../db/orm';
import { migrations } from './migrations';

/** The `crypto` schema: data keys and re-encryption jobs (plain SQL through `pg`; no entities). */
export const CRYPTO_SCHEMA = 'crypto';
export const cryptoDb: DbModule = { name: 'crypto', schema: CRYPTO_SCHEMA, entities: [], migrations };
