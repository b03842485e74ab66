import { fromGlobalId } from '../../src/platform/graphql/ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The case id behind a federated `Case` reference (a connector subgraph's Case fields), or undefined
 * for anything that is not one of ours — such a field then reads as empty.
 */
export function caseIdOf(ref: { id: string }): string | undefined {
  const id = fromGlobalId('Case', ref.id);
  return id && UUID.test(id) ? id : undefined;
}
