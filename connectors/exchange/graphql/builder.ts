import { createBuilder } from '../../../src/platform/graphql/builder';
import type { ExchangeContext } from '../context';

export const builder = createBuilder<ExchangeContext>({ nodeQuery: false });
