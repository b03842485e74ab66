import { serverAudits } from 'graphql-http';
import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

/** The GraphQL-over-HTTP audit suite (graphql-http) against the gateway: every MUST passes. */
describe('GraphQL over HTTP compliance of the gateway', () => {
  let hub: TestHub;
  let token: string;
  beforeAll(async () => {
    hub = await startTestHub();
    token = await hub.token(as.DISPATCHER);
  });
  afterAll(() => hub.stop());

  it('passes every MUST audit', async () => {
    const audits = serverAudits({
      url: () => `${hub.url}/graphql`,
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${token}`);
        return fetch(input, { ...init, headers });
      },
    });
    const failures: string[] = [];
    let musts = 0;
    for (const audit of audits) {
      if (!audit.name.startsWith('MUST')) continue;
      musts++;
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(musts).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });
});
