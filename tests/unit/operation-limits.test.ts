import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import { checkOperationLimits, INTROSPECTION_MAX_DEPTH, measureOperationShape, MUTATION_FIELD_COST } from '../../federation/operation-limits';
import { loadTrustedDocuments, verifyTrustedDocuments } from '../../federation/trusted-documents';
import { loadConfig } from '../../src/platform/config';

const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../schema/api.graphql'), 'utf8'));
const limits = loadConfig({}).gateway.limits;
const shape = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  return measureOperationShape(schema, document, getOperationAST(document)!, limits, variables);
};

/** The measure behind the gateway's limits (federation/operation-limits.ts). */
describe('operation limits', () => {
  it('every trusted document fits the production limits at its largest page (the gateway checks this at start too)', () => {
    const documents = loadTrustedDocuments(path.resolve(__dirname, '../../schema/generated/persisted-documents.json'));
    expect(documents.byId.size).toBeGreaterThanOrEqual(10);
    expect(verifyTrustedDocuments(documents, schema, limits)).toEqual([]);
  });

  it('a page multiplies what is below it; the edges of a connection are that page, not another list', () => {
    expect(shape('{ cases(first: 10) { edges { node { id number } } } }').cost).toBe(1 + 10 * (1 + 1 + 2));
    expect(shape('query($n: Int) { cases(first: $n) { edges { node { id } } } }', { n: 50 }).cost).toBe(1 + 50 * 3);
    // A default page (first: Int = 20) counts when none is sent.
    expect(shape('{ cases { edges { node { id } } } }').cost).toBe(1 + 20 * 3);
    // A list without a page argument counts LIMIT_DEFAULT_LIST_SIZE times.
    expect(shape('{ units { id name } }').cost).toBe(1 + limits.defaultListSize * 2);
  });

  it('mutations cost more than reads', () => {
    expect(shape('mutation { signCase(caseId: "x") { id } }').cost).toBe(2 + MUTATION_FIELD_COST);
  });

  it('depth, aliases and directives count through fragments, once per spread', () => {
    const s = shape('{ categories { ...F ...F } } fragment F on Category { a: code parent @include(if: true) { b: code } }');
    expect(s).toMatchObject({ depth: 3, aliases: 4, directives: 2, rootFields: 1 });
  });

  it("introspection is bounded on its own (GraphiQL's full query fits), and adds no cost", () => {
    const introspection = shape(getIntrospectionQuery({ descriptions: true, directiveIsRepeatable: true, inputValueDeprecation: true, schemaDescription: true, specifiedByUrl: true }));
    expect(introspection.cost).toBe(0);
    expect(checkOperationLimits(schema, parse(getIntrospectionQuery()), limits)).toBeUndefined();
    const deep = `{ __schema { types { ${'fields { type { '.repeat(INTROSPECTION_MAX_DEPTH)}name${' } }'.repeat(INTROSPECTION_MAX_DEPTH)} } } }`;
    expect(checkOperationLimits(schema, parse(deep), limits)).toMatchObject({ limit: 'depth' });
  });

  it('a chain of ten thousand fragments is checked for cycles without exhausting the stack', () => {
    const fragments = Array.from({ length: 10_000 }, (_, i) => `fragment F${i} on Query { ${i === 9_999 ? '...F0' : `...F${i + 1}`} }`);
    expect(checkOperationLimits(schema, parse(`{ ...F0 } ${fragments.join(' ')}`, { maxTokens: 1_000_000 }), limits)).toEqual({ limit: 'fragmentCycle', at: 'F0' });
  });
});
