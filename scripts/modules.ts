import path from 'node:path';
import type { DbModule } from '../src/platform/db/orm';
import { auditDb } from '../src/platform/access-log/db';
import { hotlineDb } from '../src/hotline/db';
import { exchangeDb } from '../connectors/exchange/db';
import { petitionDb } from '../connectors/petition/db';
import { supervisionDb } from '../connectors/supervision/db';
import { utilitiesDb } from '../connectors/utilities/db';
import { gatewayDb } from '../federation/rate-limit/db';

/** Every database module and where its migrations live (for the migration tooling). */
export const DB_MODULES: { module: DbModule; dir: string }[] = [
  { module: hotlineDb, dir: path.resolve(__dirname, '../src/hotline/migrations') },
  { module: exchangeDb, dir: path.resolve(__dirname, '../connectors/exchange/migrations') },
  { module: petitionDb, dir: path.resolve(__dirname, '../connectors/petition/migrations') },
  { module: supervisionDb, dir: path.resolve(__dirname, '../connectors/supervision/migrations') },
  { module: utilitiesDb, dir: path.resolve(__dirname, '../connectors/utilities/migrations') },
  { module: auditDb, dir: path.resolve(__dirname, '../src/platform/access-log/migrations') },
  { module: gatewayDb, dir: path.resolve(__dirname, '../federation/rate-limit/migrations') },
];
