/**
 * Scenarios B, B′, C and D: a hub subgraph with identity, policy and audit OFF — the same schema,
 * resolvers, DataLoaders and SQL as the hub's, but no assertion is verified, every row and field is
 * readable (an ability that allows everything; the owner's connection, so no row-level security)
 * and no access event is written. It exists only in bench/, is never composed by the hub, and
 * listens on 127.0.0.1 only: the baseline that the hub's safeguards are measured against.
 *
 *   node --import tsx bench/servers/plain-subgraph.ts <hotline|exchange>   (DATABASE_URL, PORT)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMongoAbility } from '@casl/ability';
import { exchangeDb } from '../../connectors/exchange/db';
import type { ExchangeContext } from '../../connectors/exchange/context';
import { exchangeSchema } from '../../connectors/exchange/graphql';
import { createExchangeLoaders } from '../../connectors/exchange/loaders';
import type { AppAbility } from '../../policies';
import { hotlineDb } from '../../src/hotline/db';
import type { HotlineContext } from '../../src/hotline/context';
import { hotlineSchema } from '../../src/hotline/graphql';
import { createLoaders } from '../../src/hotline/loaders';
import { createCaseNumbers } from '../../src/hotline/case-numbers';
import { createHotlineRuntime } from '../../src/hotline/runtime';
import { systemClock } from '../../src/platform/clock';
import { forkEm, openOrm } from '../../src/platform/db/orm';
import { createSubgraphServer, type SubgraphServer } from '../../src/platform/graphql/subgraph-server';
import type { AssertionVerifier } from '../../src/platform/identity/assertion';
import { createLogger } from '../../src/platform/logging';
import { createPiiHasher } from '../../src/platform/pii';

const name = process.argv[2];
const databaseUrl = process.env.DATABASE_URL;
if ((name !== 'hotline' && name !== 'exchange') || !databaseUrl) {
  console.error('usage: DATABASE_URL=… PORT=… plain-subgraph.ts hotline|exchange');
  process.exit(2);
}

const log = createLogger({ level: 'warn' });
const clock = systemClock;
/** Identity off: every request is one fixed principal; nothing is verified. */
const principal = { sub: 'bench-plain', role: 'DISPATCHER', region: '140000' } as const;
const identityOff: AssertionVerifier = async () => ({ principal, purpose: 'SUPERVISION', requestId: 'bench', clientAddress: undefined, operationName: undefined });
/** Policy off: every action on every subject, every field. */
const allowAll = () => createMongoAbility([{ action: 'manage', subject: 'all' }]) as unknown as AppAbility;
const noAudit = async () => undefined;

async function start(): Promise<SubgraphServer> {
  const poolMax = Number(process.env.DATABASE_POOL_MAX ?? 10);
  if (name === 'hotline') {
    const orm = await openOrm(hotlineDb, { url: databaseUrl!, poolMax, log });
    const runtime = createHotlineRuntime({ orm, clock, log, pii: createPiiHasher(Buffer.alloc(32, 7)), caseNumbers: createCaseNumbers({ connectionString: databaseUrl!, log }) });
    return createSubgraphServer<HotlineContext>({
      name,
      schema: hotlineSchema(),
      verifyAssertion: identityOff,
      clock,
      log,
      policyVersion: 'bench-off',
      writeAccessEvents: noAudit,
      createContext: (base) => {
        const em = forkEm(orm);
        const ability = allowAll();
        return { ...base, em, ability, runtime, loaders: createLoaders(em, ability, runtime) };
      },
    });
  }
  const orm = await openOrm(exchangeDb, { url: databaseUrl!, poolMax, log });
  return createSubgraphServer<ExchangeContext>({
    name,
    schema: exchangeSchema(),
    verifyAssertion: identityOff,
    clock,
    log,
    policyVersion: 'bench-off',
    writeAccessEvents: noAudit,
    createContext: (base) => {
      const em = forkEm(orm);
      const ability = allowAll();
      // The plain exchange answers the page's reads only: no partner delivery (kit) and no
      // subscriptions (events) are benchmarked through it.
      return { ...base, em, ability, loaders: createExchangeLoaders(em, ability), orm, kit: undefined as never, events: undefined as never };
    },
  });
}

void start().then((yoga) => {
  const server = http.createServer(yoga as unknown as http.RequestListener);
  // Idle keep-alive sockets stay open between rounds: with node's 5 s default, a gateway reusing one
  // the server has just closed gets "socket hang up" (Apollo's fetch does not retry it), which
  // counted as wrong answers against C.
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    console.log(`bench server ready on ${(server.address() as AddressInfo).port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
});
