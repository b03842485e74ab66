import { freePort, spawnHub, type HubProcess } from './processes';

/** The processes of the deployed layout, as docs/operations.md lays them out. */
export const LAYOUT = {
  gateway: ['gateway'],
  hotline: ['hotline'],
  exchange: ['exchange'],
  audit: ['audit'],
  connectors: ['petition', 'supervision', 'utilities'],
} as const;

export type ScaledOutHub = {
  /** The gateway: the one address partners and clients use. */
  url: string;
  processes: Record<keyof typeof LAYOUT, HubProcess>;
  /** SUBGRAPH_URLS as every process got it. */
  subgraphUrls: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
};

/**
 * Starts the hub as deployed: one process per part of LAYOUT (`npm start -- --only …`), each a
 * child process on loopback ports, all with `env` (which must name DATABASE_URL). The gateway
 * listens on its own port; partners and clients need nothing else. Reusable by any test of the
 * scaled-out layout (chaos, failover, production).
 */
export async function startScaledOut(env: Record<string, string>, options: { entry?: string } = {}): Promise<ScaledOutHub> {
  const ports: Record<string, number> = {};
  for (const name of ['gateway', 'hotline', 'exchange', 'audit', 'petition', 'supervision', 'utilities']) ports[name] = await freePort();
  const subgraphUrls = Object.entries(ports)
    .filter(([name]) => name !== 'gateway')
    .map(([name, port]) => `${name}=http://127.0.0.1:${port}/graphql`)
    .join(',');
  const common = { ...env, SUBGRAPH_URLS: subgraphUrls, PORT: String(ports.gateway) };
  const started = await Promise.allSettled(
    (Object.entries(LAYOUT) as [keyof typeof LAYOUT, readonly string[]][]).map(async ([name, parts]) => [name, await spawnHub(['--only', parts.join(',')], common, options.entry)] as const),
  );
  const processes = Object.fromEntries(started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))) as Record<keyof typeof LAYOUT, HubProcess>;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    await Promise.all(Object.values(processes).map((p) => p.stop(signal)));
  };
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stop('SIGKILL');
    throw failed.reason;
  }
  return { url: `http://127.0.0.1:${ports.gateway}`, processes, subgraphUrls, stop };
}
