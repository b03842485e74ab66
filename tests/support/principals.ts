import { DEMO_PRINCIPALS } from '../../src/hotline/demo/principals';
import { unitId } from '../../src/hotline/demo/ids';
import type { Principal } from '../../src/platform/identity/principal';

/** Principals over the demo data that tests share (DEMO_PRINCIPALS are the ones `npm start` prints). */
export const as = {
  ...DEMO_PRINCIPALS,
  /** A dispatcher of the other city (太原市). */
  taiyuanDispatcher: { sub: 'dp-ty', role: 'DISPATCHER', region: '140100' } as Principal,
  provinceDispatcher: { sub: 'dp-sx', role: 'DISPATCHER', region: '140000' } as Principal,
  handlerOf: (unitKey: string): Principal => ({ sub: `hd-${unitKey}`, role: 'HANDLER', unit: unitId(unitKey) }),
};
