import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CategoriesDocument } from '../../schema/generated/graphql';
import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

type OtlpSpan = { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes: { key: string; value: Record<string, unknown> }[] };

/**
 * Observability (issue 9, point 8): GET /metrics in Prometheus' text format, with the numbers an
 * operator needs; traces across the gateway and the subgraphs when an OTLP endpoint is configured
 * (a fake collector here); /healthz and /readyz.
 */
describe('observability', () => {
  let hub: TestHub;
  let collector: http.Server;
  const spans: OtlpSpan[] = [];

  beforeAll(async () => {
    collector = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (req.url === '/v1/traces' && req.headers['content-type'] === 'application/json') {
          const payload = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
          for (const r of payload.resourceSpans) for (const s of r.scopeSpans) spans.push(...s.spans);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    hub = await startTestHub({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}` } });
  });
  afterAll(async () => {
    await hub.stop();
    await new Promise<void>((resolve) => collector.close(() => resolve()));
  });

  it('GET /metrics: requests, errors by code, latency per operation and per subgraph, audit writes, the database pool', async () => {
    await hub.post({ documentId: (CategoriesDocument as unknown as { __meta__: { hash: string } }).__meta__.hash }, { as: as.DISPATCHER });
    await hub.gql('{ cases(first: 3) { edges { node { number caller { phone } transfers { status } } } } }', { as: as.DISPATCHER, purpose: 'HANDLING' });
    await hub.gql('{ categories { code } }');
    const response = await fetch(`${hub.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const line of [
      /^hub_gateway_requests_total\{route="graphql",status="200"\} [1-9]/m,
      /^hub_gateway_requests_total\{route="graphql",status="401"\} [1-9]/m,
      /^hub_graphql_errors_total\{code="UNAUTHENTICATED"\} [1-9]/m,
      /^hub_graphql_operation_duration_seconds_count\{operation="Categories",type="query"\} 1$/m,
      /^hub_graphql_operation_duration_seconds_count\{operation="ad_hoc",type="query"\} [1-9]/m,
      /^hub_subgraph_request_duration_seconds_bucket\{le="0\.1",subgraph="hotline"\} \d+/m,
      /^hub_subgraph_requests_total\{subgraph="exchange"\} [1-9]/m,
      /^hub_audit_write_duration_seconds_count\{module="hotline",outcome="ok"\} [1-9]/m,
      /^hub_db_statement_duration_seconds_count\{module="hotline",outcome="ok"\} [1-9]/m,
      /^hub_db_pool_connections_in_use\{module="hotline"\} \d+/m,
      /^hub_db_pool_connections_idle\{module="gateway"\} \d+/m,
      /^hub_process_resident_memory_bytes \d+/m,
    ]) {
      expect(text).toMatch(line);
    }
  });

  it('a trace runs from the client through the gateway to each subgraph it called', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const clientSpan = '00f067aa0ba902b7';
    const res = await hub.gql('{ cases(first: 2) { edges { node { number transfers { status } } } } }', {
      as: as.DISPATCHER,
      headers: { traceparent: `00-${traceId}-${clientSpan}-01` },
    });
    expect(res.body.errors).toBeUndefined();
    const requestId = res.headers.get('x-request-id');
    const ofTrace = () => spans.filter((s) => s.traceId === traceId);
    // The exporter sends every two seconds; the test's timeout bounds the wait.
    while (!ofTrace().some((s) => s.kind === 2 && s.name === 'subgraph exchange')) await new Promise((r) => setTimeout(r, 100));

    const gateway = ofTrace().find((s) => s.name === 'POST /graphql')!;
    expect(gateway).toMatchObject({ kind: 2, parentSpanId: clientSpan });
    expect(gateway.attributes).toContainEqual({ key: 'hub.request_id', value: { stringValue: requestId } });
    for (const subgraph of ['hotline', 'exchange']) {
      const call = ofTrace().find((s) => s.kind === 3 && s.name === `subgraph ${subgraph}`)!;
      expect(call.parentSpanId).toBe(gateway.spanId);
      const handled = ofTrace().find((s) => s.kind === 2 && s.name === `subgraph ${subgraph}` && s.parentSpanId === call.spanId);
      expect(handled).toBeDefined();
    }
  });

  it('/healthz says the process is alive; /readyz that every subgraph and its database answer', async () => {
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${hub.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { hotline: 'ready', exchange: 'ready', audit: 'ready', petition: 'ready', supervision: 'ready', utilities: 'ready' },
      // The test hub lives in November 2026: next year's holidays are not loaded yet (tests/integration/year-end.test.ts).
      warnings: [expect.stringMatching(/^hotline: the official holiday schedule of 2027 is not loaded/)],
    });
  });
});
