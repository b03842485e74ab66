import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

export type ReadinessCheck = { name: string; check: () => Promise<void | string[]> };

/**
 * GET /readyz means what it says (issue 9): every subgraph answers its own readiness (which checks
 * its database). A failing check names itself, never its host or error text. Warnings a ready
 * subgraph names (e.g. next year's holiday calendar not loaded) are passed on under `warnings`.
 */
export function useReadiness(checks: ReadinessCheck[], timeoutMs = 2_000): GatewayPlugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/readyz') return;
      const warnings: string[] = [];
      const results = await Promise.all(
        checks.map(async ({ name, check }) => {
          try {
            const named = await withTimeout(check(), timeoutMs);
            if (named) warnings.push(...named.map((w) => `${name}: ${w}`));
            return [name, 'ready'] as const;
          } catch {
            return [name, 'unavailable'] as const;
          }
        }),
      );
      const ok = results.every(([, state]) => state === 'ready');
      endResponse(
        new fetchAPI.Response(JSON.stringify({ status: ok ? 'ready' : 'unavailable', checks: Object.fromEntries(results), ...(warnings.length ? { warnings } : {}) }), {
          status: ok ? 200 : 503,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        }),
      );
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
