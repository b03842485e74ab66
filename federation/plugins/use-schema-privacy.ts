import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Role } from '../../src/platform/identity/principal';
import { useSchemaPrivacy as useSchemaPrivacyFor } from '../../src/platform/graphql/schema-privacy';
import { identityOf } from './use-identity';

/**
 * No schema leaks at the gateway (issue 9, point 2): introspection for the configured roles only
 * (every role in development, none by default in production); "Did you mean" suggestions never.
 * GraphiQL is switched off in production by the gateway's own option (federation/gateway.ts).
 */
export function useSchemaPrivacy({ introspectionRoles }: { introspectionRoles: readonly Role[] | '*' }): GatewayPlugin {
  return useSchemaPrivacyFor<Record<string, unknown>>({
    mayIntrospect: (context) => {
      const role = identityOf(context)?.principal.role;
      return role !== undefined && (introspectionRoles === '*' || introspectionRoles.includes(role));
    },
  }) as GatewayPlugin;
}
