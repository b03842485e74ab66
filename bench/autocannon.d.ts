/** The part of autocannon 9's API the load client uses (the package ships no types). */
declare module 'autocannon' {
  namespace autocannon {
    type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
    type Options = {
      url: string;
      connections?: number;
      duration?: number;
      timeout?: number;
      requests?: (Request & { setupRequest?: (request: Request, context: Record<string, unknown>) => Request })[];
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
