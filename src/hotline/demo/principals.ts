import type { Principal, Role } from '../../platform/identity/principal';
import { UNITS } from './data';
import { unitId } from './ids';

function unitOf(predicate: (u: (typeof UNITS)[number]) => boolean, what: string): string {
  const unit = UNITS.find(predicate);
  if (!unit) throw new Error(`demo data has no ${what}`);
  return unitId(unit.key);
}

/** The principal behind each role's demo token (printed by `npm start`), all in 吕梁市 (141100). */
export const DEMO_PRINCIPALS: Record<Role, Principal> = {
  OPERATOR: { sub: 'op-wangfang', name: '王芳', role: 'OPERATOR', region: '141100' },
  CONTRACT_OPERATOR: { sub: 'co-liuyang', name: '刘洋', role: 'CONTRACT_OPERATOR', vendor: 'vendor-huayu', region: '141100' },
  DISPATCHER: { sub: 'dp-zhaolei', name: '赵磊', role: 'DISPATCHER', region: '141100' },
  HANDLER: {
    sub: 'hd-sunli',
    name: '孙丽',
    role: 'HANDLER',
    unit: unitOf((u) => u.kind === 'LINE_DEPARTMENT' && u.regionCode.startsWith('1411'), 'line department in 吕梁市'),
    region: '141100',
  },
  PARTNER_AGENCY: { sub: 'pa-petition-ll', name: '吕梁市信访局', role: 'PARTNER_AGENCY', partner: 'petition', region: '141100' },
  PARTNER_SYSTEM: { sub: 'ps-police110-ll', name: '吕梁市公安局110指挥中心', role: 'PARTNER_SYSTEM', partner: 'police110', region: '141100' },
  AUDITOR: { sub: 'au-chenjing', name: '陈静', role: 'AUDITOR', region: '141100' },
  ANALYST: { sub: 'an-zhouqiang', name: '周强', role: 'ANALYST', region: '141100' },
  ADMIN: { sub: 'ad-admin', name: '平台管理员', role: 'ADMIN' },
};
