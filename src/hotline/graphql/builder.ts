import { createBuilder } from '../../platform/graphql/builder';
import type { HotlineContext } from '../context';

export const builder = createBuilder<HotlineContext>({ nodeQuery: true });
