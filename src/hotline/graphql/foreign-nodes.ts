import { builder, FOREIGN_NODE_TYPES } from './builder';

/**
 * Node types owned by other subgraphs, declared here as references only (`@key(resolvable: false)`).
 * `node(id:)` returns `{ id }` for them and the gateway fetches the fields from the owning
 * subgraph, whose row policy decides: an id outside the caller's scope still reads as null there.
 */
for (const name of FOREIGN_NODE_TYPES) {
  builder
    .externalRef(name, builder.keyDirective(builder.selection<{ id: string }>('id'), false))
    .implement({
      interfaces: [builder.nodeInterfaceRef()],
      isTypeOf: (value) => (value as { __foreign?: string }).__foreign === name,
      fields: (t) => ({ id: t.exposeID('id') }),
    });
}
