import net from 'node:net';
import pg from 'pg';
import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

/**
 * Request timeouts (issue 9, point 3): a query whose subgraph is stuck is answered when
 * REQUEST_TIMEOUT_MS runs out (here 1.5 s, with subgraph timeouts longer than that), and a client
 * that never finishes sending its request loses the connection.
 */
describe('request deadline', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ env: { REQUEST_TIMEOUT_MS: '1500', UPSTREAM_TIMEOUT_MS: '60000', UPSTREAM_RETRIES: '0' } });
  });
  afterAll(() => hub.stop());

  it('a query stuck in a subgraph (its table locked) is answered UPSTREAM_UNAVAILABLE at the deadline', async () => {
    const lock = new pg.Client({ connectionString: hub.databaseUrl });
    await lock.connect();
    await lock.query('begin');
    await lock.query('lock table hotline.category in access exclusive mode');
    try {
      const res = await hub.gql('{ categories { code } }', { as: as.DISPATCHER });
      expect(res.status).toBe(504);
      expect(res.body.errors).toEqual([{ message: 'the request took too long and was stopped; try again later', extensions: { code: 'UPSTREAM_UNAVAILABLE', retryable: true } }]);
    } finally {
      await lock.query('rollback');
      await lock.end();
    }
    expect((await hub.gql('{ categories { code } }', { as: as.DISPATCHER })).body.errors).toBeUndefined();
  });

  it('a request whose body never finishes arriving is cut off (408, connection closed)', async () => {
    const { port } = new URL(hub.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('POST /graphql HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"query":');
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });
});
