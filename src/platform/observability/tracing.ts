import { randomBytes } from 'node:crypto';
import type { Logger } from '../logging';

/**
 * Traces across the gateway and the subgraphs (issue 9, point 8), without the OpenTelemetry SDK:
 * the packages it needs (`@opentelemetry/sdk-trace-node`, an OTLP trace exporter, or
 * `@graphql-hive/plugin-opentelemetry`) are not dependencies of the hub. What is here:
 * - W3C Trace Context: the gateway continues a well-formed incoming `traceparent` or starts a trace,
 *   and sends `traceparent` on every subgraph request; subgraphs log the trace id with the request id.
 * - When OTEL_EXPORTER_OTLP_ENDPOINT is set, spans (gateway request, each subgraph call, each
 *   subgraph's handling) are batched and POSTed as OTLP/HTTP JSON to `<endpoint>/v1/traces`, which
 *   any OpenTelemetry Collector, Jaeger or Tempo accepts.
 * Trace ids are correlation only: nothing trusts them (the audit log keys on the gateway's request id).
 */
export type TraceContext = { traceId: string; spanId: string; sampled: boolean };

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function parseTraceparent(header: string | null | undefined): TraceContext | undefined {
  const match = TRACEPARENT.exec((header ?? '').trim());
  if (!match || /^0+$/.test(match[1]!) || /^0+$/.test(match[2]!)) return undefined;
  return { traceId: match[1]!, spanId: match[2]!, sampled: (parseInt(match[3]!, 16) & 1) === 1 };
}

export function formatTraceparent(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-${context.sampled ? '01' : '00'}`;
}

export function newTraceId(): string {
  return randomBytes(16).toString('hex');
}

export function newSpanId(): string {
  return randomBytes(8).toString('hex');
}

export type SpanKind = 'server' | 'client' | 'internal';

export type Span = TraceContext & {
  /** Ends the span; `error` marks it failed (the message is not exported, only that it failed). */
  end(error?: boolean): void;
  setAttribute(key: string, value: string | number | boolean): void;
};

export type Tracer = {
  /** A span under `parent` (a new trace without one). */
  startSpan(name: string, kind: SpanKind, parent?: TraceContext, attributes?: Record<string, string | number | boolean>): Span;
  /** Sends what is buffered; resolves when the collector answered (or failed). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
};

type FinishedSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: Record<string, unknown> }[];
  status: { code: number };
};

const KIND = { internal: 1, server: 2, client: 3 } as const;

/**
 * A tracer that exports when `endpoint` is set; without it spans still carry ids (propagation and
 * log correlation work) but nothing is recorded.
 */
export function createTracer(options: { endpoint: string | undefined; serviceName: string; log: Logger; flushIntervalMs?: number; maxBatch?: number }): Tracer {
  const { endpoint, serviceName, log } = options;
  const maxBatch = options.maxBatch ?? 512;
  let buffer: FinishedSpan[] = [];
  let sending: Promise<void> = Promise.resolve();
  const timer = endpoint ? setInterval(() => void flush(), options.flushIntervalMs ?? 2_000) : undefined;
  timer?.unref();

  function flush(): Promise<void> {
    if (!endpoint || buffer.length === 0) return sending;
    const spans = buffer;
    buffer = [];
    const body = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
          scopeSpans: [{ scope: { name: 'hotline-hub' }, spans }],
        },
      ],
    });
    sending = sending.then(async () => {
      try {
        const response = await fetch(`${endpoint.replace(/\/$/, '')}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(5_000) });
        if (!response.ok) log.warn({ status: response.status, spans: spans.length }, 'trace export refused by the collector');
      } catch (error) {
        log.warn({ reason: (error as Error).message, spans: spans.length }, 'trace export failed');
      }
    });
    return sending;
  }

  return {
    startSpan(name, kind, parent, attributes = {}) {
      const traceId = parent?.traceId ?? newTraceId();
      const spanId = newSpanId();
      const sampled = parent?.sampled ?? true;
      const start = nowNanos();
      const attrs: Record<string, string | number | boolean> = { ...attributes };
      let ended = false;
      return {
        traceId,
        spanId,
        sampled,
        setAttribute(key, value) {
          attrs[key] = value;
        },
        end(error = false) {
          if (ended || !endpoint || !sampled) return;
          ended = true;
          buffer.push({
            traceId,
            spanId,
            parentSpanId: parent?.spanId,
            name,
            kind: KIND[kind],
            startTimeUnixNano: start,
            endTimeUnixNano: nowNanos(),
            attributes: Object.entries(attrs).map(([key, value]) => ({ key, value: otlpValue(value) })),
            status: { code: error ? 2 : 1 },
          });
          if (buffer.length >= maxBatch) void flush();
        },
      };
    },
    flush,
    async shutdown() {
      if (timer) clearInterval(timer);
      await flush();
    },
  };
}

function nowNanos(): string {
  // Microsecond precision is what a double holds at this magnitude; plenty for request spans.
  return (BigInt(Math.round((performance.timeOrigin + performance.now()) * 1_000)) * 1_000n).toString();
}

function otlpValue(value: string | number | boolean): Record<string, unknown> {
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { stringValue: value };
}

/** Wraps a subgraph's fetch handler in a server span continuing the gateway's `traceparent`. */
export function traceHandler(tracer: Tracer, name: string, handler: (request: Request) => Promise<Response> | Response): (request: Request) => Promise<Response> {
  return async (request) => {
    const span = tracer.startSpan(`subgraph ${name}`, 'server', parseTraceparent(request.headers.get('traceparent')), { 'hub.subgraph': name });
    try {
      const response = await handler(request);
      span.setAttribute('http.status_code', response.status);
      span.end(response.status >= 500);
      return response;
    } catch (error) {
      span.end(true);
      throw error;
    }
  };
}
