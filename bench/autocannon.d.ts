/** The part of autocannon 9's API the load client uses (the package ships no types). */
declare module 'autocannon' {
  namespace autocannon {
    type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
    /**
     * One step of each connection's sequence. `context` is per connection and cleared when the
     * sequence starts again; `onResponse` runs before the next step's `setupRequest`; a later step's
     * `setupRequest` returning null starts the sequence again from the first step.
     */
    type SequenceRequest = Request & {
      // Methods, not function properties: a caller may type the context it keeps more narrowly.
      setupRequest?(request: Request, context: Record<string, unknown>): Request | null;
      onResponse?(status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>): void;
    };
    type Options = {
      url: string;
      connections?: number;
      duration?: number;
      timeout?: number;
      requests?: SequenceRequest[];
      verifyBody?: (body: string) => boolean;
    };
    type Histogram = { average: number; p50: number; p99: number; total: number };
    type Result = {
      requests: Histogram;
      latency: Histogram;
      '2xx': number;
      non2xx: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      duration: number;
    };
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}
