import { exchangeDb } from '../../connectors/exchange/db';
import { petitionDb } from '../../connectors/petition/db';
import { supervisionDb } from '../../connectors/supervision/db';
import { utilitiesDb } from '../../connectors/utilities/db';
import { gatewayDb } from '../../federation/rate-limit/db';
import { seedExchangeDemo } from '../../connectors/exchange/demo';
import { hotlineDb } from '../../src/hotline/db';
import { seedHotlineDemo } from '../../src/hotline/demo/seed';
import { trainIntakeModel } from '../../src/hotline/insight/training';
import { auditDb } from '../../src/platform/access-log/db';
import { forkEm, migrate, openOrm } from '../../src/platform/db/orm';
import { createLogger } from '../../src/platform/logging';

/** The clock time the template's demo data is generated against (tests move their clocks from here). */
export const TEMPLATE_NOW = new Date('2026-11-27T10:00:00+08:00');

/** Migrates every module and loads the demo data into the template database. */
export async function buildTemplate(url: string): Promise<void> {
  const log = createLogger({ level: 'warn' });
  const options = { url, poolMax: 2, log };
  const orms = [await openOrm(auditDb, options), await openOrm(hotlineDb, options), await openOrm(exchangeDb, options), await openOrm(gatewayDb, options)];
  for (const partner of [petitionDb, supervisionDb, utilitiesDb]) orms.push(await openOrm(partner, options));
  try {
    for (const orm of orms) await migrate(orm, log);
    const cases = await seedHotlineDemo(forkEm(orms[1]!), TEMPLATE_NOW);
    if (!cases) throw new Error('template database was already seeded');
    await seedExchangeDemo(forkEm(orms[2]!), cases, TEMPLATE_NOW);
    await trainIntakeModel(forkEm(orms[1]!), TEMPLATE_NOW);
  } finally {
    for (const orm of orms) await orm.close(true);
  }
}
