import fs from 'node:fs';
import { dropDatabase } from '../../src/platform/db/database';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis as Record<string, unknown>;
  const template = state.__hubTestTemplate as { serverUrl: string; template: string } | undefined;
  if (template) await dropDatabase(template.serverUrl, template.template).catch(() => undefined);
  const pg = state.__hubTestPostgres as { stop(): Promise<void>; dir: string } | undefined;
  if (pg) {
    await pg.stop();
    fs.rmSync(pg.dir, { recursive: true, force: true });
  }
}
