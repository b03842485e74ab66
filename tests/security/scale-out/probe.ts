import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createPubSub } from 'graphql-yoga';
import type { ExtraSubgraph } from '../../../src/main';
import { createPgEventTarget } from '../../../src/platform/events/pg-event-target';
import { createSubgraphServer } from '../../../src/platform/graphql/subgraph-server';

/**
 * A test-only subgraph with a subscription, for the scale-out test: no subscription exists in the
 * hub yet (the exchange's `transferEvents` is being built on the same LISTEN/NOTIFY event target).
 * Events carry the pid of the process that published them and the resolver adds the pid of the
 * process that delivered them, so the test sees an event cross processes. The first event of a
 * subscription is READY, sent once the process listens for it.
 */
type ProbePayload = { kind: 'READY' | 'EVENT'; message: string; publishedBy: number };

export const probeSubgraph: ExtraSubgraph = {
  name: 'probe',
  schema: () => probeSchema(),
  async start({ databaseUrl, clock, log, verifyAssertion }) {
    const eventTarget = createPgEventTarget({ connectionString: databaseUrl, log });
    await eventTarget.ready;
    const pubsub = createPubSub<{ probe: [ProbePayload] }>({ eventTarget: eventTarget as never });
    const server = createSubgraphServer({
      name: 'probe',
      schema: probeSchema({
        publish: (message) => pubsub.publish('probe', { kind: 'EVENT', message, publishedBy: process.pid }),
        subscribe: async function* () {
          const events = pubsub.subscribe('probe')[Symbol.asyncIterator]();
          const first = events.next(); // the listener is registered now
          try {
            yield { kind: 'READY', message: '', publishedBy: process.pid } satisfies ProbePayload;
            for (let next = await first; !next.done; next = await events.next()) yield next.value;
          } finally {
            await events.return?.();
          }
        },
      }),
      verifyAssertion,
      clock,
      log,
      policyVersion: 'probe',
      writeAccessEvents: async () => undefined,
      createContext: (base) => base,
    });
    return { fetch: (request) => server.fetch(request), stop: () => eventTarget.close() };
  },
};

function probeSchema(live?: { publish(message: string): void; subscribe(): AsyncGenerator<ProbePayload> }) {
  return buildSubgraphSchema({
    typeDefs: parse(/* GraphQL */ `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@shareable"])
      type ProbeEvent {
        kind: String!
        message: String!
        publishedBy: Int!
        deliveredBy: Int!
      }
      type Query {
        probeProcess: Int!
      }
      type Mutation {
        publishProbe(message: String!): Int!
      }
      type Subscription {
        probeEvents: ProbeEvent!
      }
    `),
    resolvers: {
      Query: { probeProcess: () => process.pid },
      Mutation: {
        publishProbe: (_: unknown, { message }: { message: string }) => {
          live!.publish(message);
          return process.pid;
        },
      },
      Subscription: {
        probeEvents: {
          subscribe: () => live!.subscribe(),
          resolve: (payload: ProbePayload) => ({ ...payload, deliveredBy: process.pid }),
        },
      },
    } as never,
  });
}
