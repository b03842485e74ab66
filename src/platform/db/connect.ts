import path from 'node:path';
import type { HubConfig } from '../config';
import type { Logger } from '../logging';
import { createDatabase } from './database';
import { startEmbeddedPostgres } from './embedded';

export type DatabaseHandle = {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
};

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in `<DATA_DIR>/pg`, database `hotline_hub`. */
export async function openDatabase(config: HubConfig, log: Logger): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const server = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pg'), log });
  try {
    const url = await createDatabase(server.url, 'hotline_hub', log);
    log.info({ port: server.port, dataDir: path.join(config.dataDir, 'pg') }, 'embedded PostgreSQL started');
    return { url, embedded: true, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
