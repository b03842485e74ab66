import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { OperationLimitSettings } from '../src/platform/config';

/**
 * The shape of an operation, measured on the document before anything executes (issue 9, point 1).
 *
 * Fragments are expanded as the executor would expand them, but each fragment is measured once and
 * its numbers reused (a fragment spread three times counts three times without being walked three
 * times), so a document whose expansion is exponential ("fragment bombs") is measured in linear time
 * and refused by its numbers. Fragment cycles are detected before anything is expanded.
 *
 * Nothing is exempt by name: an operation or fragment called `__schema`, or an alias called so,
 * is measured like any other (graphql-armor's depth limit once skipped them). Only the real
 * introspection fields — `__schema` and `__type` resolved on the query root — are measured apart:
 * the gateway answers them from memory (no subgraph, no database), so they add no cost, and their
 * depth is bounded by INTROSPECTION_MAX_DEPTH, deep enough for GraphiQL's introspection query.
 * Whether a caller may introspect at all is decided elsewhere (use-schema-privacy.ts).
 */
export type OperationShape = {
  depth: number;
  aliases: number;
  directives: number;
  rootFields: number;
  cost: number;
};

export type LimitName = 'depth' | 'aliases' | 'directives' | 'rootFields' | 'listSize' | 'cost' | 'fragmentCycle';

export type LimitViolation = {
  limit: LimitName;
  /** What the operation has (or asks for); absent for a fragment cycle. */
  actual?: number;
  max?: number;
  /** The field (listSize) or fragment (fragmentCycle) concerned. */
  at?: string;
  /** The page argument (listSize). */
  argument?: string;
};

/** Cost of each root field of a mutation on top of its selection: writes are dearer than reads. */
export const MUTATION_FIELD_COST = 10;

/** Depth bound of an introspection field's selection (graphql-js's full introspection query: 14). */
export const INTROSPECTION_MAX_DEPTH = 20;

const PAGE_ARGUMENTS = ['first', 'last'];

type Summary = OperationShape;

type Context = {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  variableDefaults: Map<string, unknown>;
  limits: Pick<OperationLimitSettings, 'maxListSize' | 'defaultListSize'>;
  memo: Map<string, Summary>;
  /** The first page argument above the limit, reported as such. */
  oversizedPage?: { at: string; argument: string; actual: number };
  /** Deepest introspection field selection, bounded apart (see above). */
  introspectionDepth?: number;
};

/** Measures every operation of `document`; returns the first limit it exceeds, or undefined. */
export function checkOperationLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  limits: Omit<OperationLimitSettings, 'maxTokens'>,
  variables: Record<string, unknown> = {},
): LimitViolation | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const cycle = findFragmentCycle(fragments);
  if (cycle) return { limit: 'fragmentCycle', at: cycle };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const context: Context = {
      schema,
      fragments,
      variables: variables ?? {},
      variableDefaults: variableDefaults(definition),
      limits,
      memo: new Map(),
    };
    const shape = measureOperation(context, definition);
    if (context.oversizedPage) return { limit: 'listSize', max: limits.maxListSize, ...context.oversizedPage };
    const checks: [LimitName, number, number][] = [
      ['depth', shape.depth, limits.maxDepth],
      ['depth', context.introspectionDepth ?? 0, INTROSPECTION_MAX_DEPTH],
      ['aliases', shape.aliases, limits.maxAliases],
      ['directives', shape.directives, limits.maxDirectives],
      ['rootFields', shape.rootFields, limits.maxRootFields],
      ['cost', shape.cost, limits.maxCost],
    ];
    for (const [limit, actual, max] of checks) if (actual > max) return { limit, actual, max };
  }
  return undefined;
}

/** The shape of one operation (exported for tests and for checking the trusted documents at start). */
export function measureOperationShape(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  limits: Pick<OperationLimitSettings, 'maxListSize' | 'defaultListSize'>,
  variables: Record<string, unknown> = {},
): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  if (findFragmentCycle(fragments)) throw new Error('fragment cycle');
  return measureOperation({ schema, fragments, variables, variableDefaults: variableDefaults(operation), limits, memo: new Map() }, operation);
}

function measureOperation(context: Context, operation: OperationDefinitionNode): Summary {
  const root = context.schema.getRootType(operation.operation);
  const summary = measureSelectionSet(context, operation.selectionSet, root ?? undefined, false);
  const directives = summary.directives + (operation.directives?.length ?? 0);
  const cost = summary.cost + (operation.operation === 'mutation' ? summary.rootFields * MUTATION_FIELD_COST : 0);
  return { ...summary, directives, cost };
}

/**
 * `paged`: this selection set belongs to a field that took a page argument and does not itself
 * return a list (a Relay connection): the lists directly inside it (`edges`, `nodes`) are that page.
 */
function measureSelectionSet(context: Context, selectionSet: SelectionSetNode, parentType: GraphQLCompositeType | undefined, paged: boolean): Summary {
  const total: Summary = { depth: 0, aliases: 0, directives: 0, rootFields: 0, cost: 0 };
  for (const selection of selectionSet.selections) {
    let part: Summary;
    switch (selection.kind) {
      case Kind.FIELD:
        part = measureField(context, selection, parentType, paged);
        break;
      case Kind.INLINE_FRAGMENT: {
        const type = selection.typeCondition ? context.schema.getType(selection.typeCondition.name.value) : parentType;
        part = measureSelectionSet(context, selection.selectionSet, isCompositeType(type) ? type : undefined, paged);
        part = { ...part, directives: part.directives + (selection.directives?.length ?? 0) };
        break;
      }
      case Kind.FRAGMENT_SPREAD: {
        part = measureFragment(context, selection.name.value, paged);
        part = { ...part, directives: part.directives + (selection.directives?.length ?? 0) };
        break;
      }
    }
    total.depth = Math.max(total.depth, part.depth);
    total.aliases += part.aliases;
    total.directives += part.directives;
    total.rootFields += part.rootFields;
    total.cost += part.cost;
  }
  return total;
}

function measureFragment(context: Context, name: string, paged: boolean): Summary {
  const key = `${paged ? 'p' : 'n'}:${name}`;
  const known = context.memo.get(key);
  if (known) return known;
  const fragment = context.fragments.get(name);
  // An unknown fragment is a validation error reported by graphql-js right after this check.
  if (!fragment) return { depth: 0, aliases: 0, directives: 0, rootFields: 0, cost: 0 };
  const type = context.schema.getType(fragment.typeCondition.name.value);
  const summary = measureSelectionSet(context, fragment.selectionSet, isCompositeType(type) ? type : undefined, paged);
  const result = { ...summary, directives: summary.directives + (fragment.directives?.length ?? 0) };
  context.memo.set(key, result);
  return result;
}

function measureField(context: Context, field: FieldNode, parentType: GraphQLCompositeType | undefined, paged: boolean): Summary {
  const own = { aliases: field.alias ? 1 : 0, directives: field.directives?.length ?? 0 };
  const name = field.name.value;
  if (name === '__typename') return { depth: 1, aliases: own.aliases, directives: own.directives, rootFields: 1, cost: 0 };
  const definition = fieldDefinition(context.schema, parentType, name);
  const returnType = definition ? getNullableType(definition.type) : undefined;
  const returnsList = returnType !== undefined && isListType(returnType);
  const page = pageSize(context, field, definition);
  if (page !== undefined && page.size > context.limits.maxListSize && !context.oversizedPage) {
    context.oversizedPage = { at: `${parentType?.name ?? '?'}.${name}`, argument: page.argument, actual: page.size };
  }
  // How many times the selection below is resolved: the page, or the assumed length of a list.
  let factor = 1;
  if (page !== undefined) factor = Math.max(page.size, 0);
  else if (returnsList && !paged) factor = context.limits.defaultListSize;
  const namedType = definition ? getNamedType(definition.type) : undefined;
  if (!field.selectionSet) return { depth: 1, aliases: own.aliases, directives: own.directives, rootFields: 1, cost: 1 };
  const below = measureSelectionSet(context, field.selectionSet, isCompositeType(namedType) ? namedType : undefined, page !== undefined && !returnsList);
  if (definition === SchemaMetaFieldDef || definition === TypeMetaFieldDef) {
    context.introspectionDepth = Math.max(context.introspectionDepth ?? 0, 1 + below.depth);
    return { depth: 1, aliases: own.aliases + below.aliases, directives: own.directives + below.directives, rootFields: 1, cost: 0 };
  }
  return {
    depth: 1 + below.depth,
    aliases: own.aliases + below.aliases,
    directives: own.directives + below.directives,
    rootFields: 1,
    cost: 1 + factor * below.cost,
  };
}

function fieldDefinition(schema: GraphQLSchema, parentType: GraphQLCompositeType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (!parentType) return undefined;
  if (parentType === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  if (isObjectType(parentType) || isInterfaceType(parentType)) return parentType.getFields()[name];
  return undefined;
}

/** The page a field asks for: its `first`/`last` argument (literal, variable or default). */
function pageSize(context: Context, field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): { size: number; argument: string } | undefined {
  let page: { size: number; argument: string } | undefined;
  for (const argumentName of PAGE_ARGUMENTS) {
    const argument = field.arguments?.find((a) => a.name.value === argumentName);
    let value: unknown;
    if (argument) {
      value =
        argument.value.kind === Kind.VARIABLE
          ? (context.variables[argument.value.name.value] ?? context.variableDefaults.get(argument.value.name.value))
          : valueFromASTUntyped(argument.value, context.variables);
    }
    if (value === undefined || value === null) value = definition?.args.find((a) => a.name === argumentName)?.defaultValue;
    if (typeof value === 'number' && Number.isFinite(value) && value > (page?.size ?? -Infinity)) page = { size: value, argument: argumentName };
  }
  return page;
}

function variableDefaults(operation: OperationDefinitionNode): Map<string, unknown> {
  const defaults = new Map<string, unknown>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, valueFromASTUntyped(definition.defaultValue));
  }
  return defaults;
}

/** The name of a fragment that spreads itself (directly or through others), if any. */
function findFragmentCycle(fragments: Map<string, FragmentDefinitionNode>): string | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const spreads = (selectionSet: SelectionSetNode, out: string[]) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) out.push(selection.name.value);
      else if (selection.selectionSet) spreads(selection.selectionSet, out);
    }
    return out;
  };
  // Iterative depth-first search: a hostile chain of thousands of fragments must not overflow the stack.
  for (const start of fragments.keys()) {
    if (state.has(start)) continue;
    const stack: { name: string; next: string[] }[] = [{ name: start, next: spreads(fragments.get(start)!.selectionSet, []) }];
    state.set(start, 'visiting');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const child = top.next.pop();
      if (child === undefined) {
        state.set(top.name, 'done');
        stack.pop();
        continue;
      }
      const fragment = fragments.get(child);
      if (!fragment) continue;
      const seen = state.get(child);
      if (seen === 'visiting') return child;
      if (seen === 'done') continue;
      state.set(child, 'visiting');
      stack.push({ name: child, next: spreads(fragment.selectionSet, []) });
    }
  }
  return undefined;
}
