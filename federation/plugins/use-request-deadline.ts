import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, GraphQLError, type ExecutionResult } from 'graphql';

/**
 * A query or mutation answers within `timeoutMs` (issue 9, point 3): each subgraph call has its own
 * timeout, and this bounds a plan of several calls. Subscriptions are long-lived and not cut.
 * (Receiving the request itself is bounded by the HTTP server's requestTimeout, set in src/main.ts.)
 */
export function useRequestDeadline({ timeoutMs }: { timeoutMs: number }): GatewayPlugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (getOperationAST(args.document, args.operationName)?.operation === 'subscription') return;
      setExecuteFn((executionArgs) => {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<ExecutionResult>((resolve) => {
          timer = setTimeout(
            () =>
              resolve({
                errors: [new GraphQLError('the request took too long and was stopped; try again later', { extensions: { code: 'UPSTREAM_UNAVAILABLE', http: { status: 504 } } })],
              }),
            timeoutMs,
          );
        });
        return Promise.race([Promise.resolve(executeFn(executionArgs)), deadline]).finally(() => clearTimeout(timer)) as ReturnType<typeof executeFn>;
      });
    },
  };
}
