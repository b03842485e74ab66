import path from 'node:path';
import type { DbModule } from '../src/platform/db/orm';
import { auditDb } from '../src/platform/access-log/db';
import { hotlineDb } from '../src/hotline/db';
import { exchangeDb } from '../connectors/exchange/db';
import { gatewayDb } from '../federation/rate-limit/db';

/** Every database module and where its migrations live (for the migration tooling). */
export const DB_MODULES: { module: DbModule; dir: string }[] = [
  { module: hotlineDb, dir: path.resolve(__dirname, '../src/hotline/migrations') },
  { module: exchangeDb, dir: path.resolve(__dirname, '../connectors/exchange/migrations') },
  { module: auditDb, dir: path.resolve(__dirname, '../src/platform/access-log/migrations') },
  { module: gatewayDb, dir: path.resolve(__dirname, '../federation/rate-limit/migrations') },
];
