import type { AccessRecorder } from '../access-log/recorder';
import type { Clock } from '../clock';
import type { Principal, Purpose } from '../identity/principal';
import type { Logger } from '../logging';

/**
 * What every subgraph resolver can rely on. Built per request from the gateway's verified
 * assertion — never from client-sent headers. Subgraphs extend it with their own EntityManager,
 * ability and DataLoaders.
 */
export type RequestContext = {
  subgraph: string;
  requestId: string;
  principal: Principal;
  purpose: Purpose | undefined;
  clientAddress: string | undefined;
  operationName: string | undefined;
  clock: Clock;
  log: Logger;
  access: AccessRecorder;
};
