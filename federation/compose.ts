import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { parse, type GraphQLSchema } from 'graphql';

export type SubgraphDefinition = {
  name: string;
  /** Where the gateway reaches it. In-process subgraphs use `http://<name>.subgraph.internal/graphql`. */
  url: string;
  sdl: string;
};

export function subgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema);
}

export type Composition = {
  /** The supergraph the gateway plans with (join directives included). */
  supergraphSdl: string;
  /** The schema clients see: codegen input and the API reference. */
  publicSdl: string;
};

/** Composes the subgraphs into the supergraph (Federation v2); throws with every composition error. */
export function composeSupergraph(subgraphs: SubgraphDefinition[]): Composition {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (!result.supergraphSdl) {
    const errors = (result.errors ?? []).map((e) => `  - ${e.message}`).join('\n');
    throw new Error(`supergraph composition failed:\n${errors}`);
  }
  return { supergraphSdl: result.supergraphSdl, publicSdl: result.publicSdl };
}

export function inProcessUrl(name: string): string {
  return `http://${name}.subgraph.internal/graphql`;
}
