import type { Lang } from './i18n';

type Labels = Record<string, { zh: string; en: string }>;

/** Names for the API's codes (roles, purposes, field paths, partners): people read names, not codes. */
export const ROLES: Labels = {
  OPERATOR: { zh: '话务员', en: 'operator' },
  CONTRACT_OPERATOR: { zh: '第三方话务员', en: 'contract operator' },
  DISPATCHER: { zh: '派单员（热线管理）', en: 'dispatcher (hotline manager)' },
  HANDLER: { zh: '承办单位人员', en: 'handling-unit staff' },
  PARTNER_AGENCY: { zh: '合作机构', en: 'partner agency' },
  PARTNER_SYSTEM: { zh: '合作系统', en: 'partner system' },
  AUDITOR: { zh: '数据安全审计员', en: 'data-security auditor' },
  ANALYST: { zh: '分析员', en: 'analyst' },
  ADMIN: { zh: '平台管理员', en: 'administrator' },
};

export const PURPOSES: Labels = {
  INTAKE: { zh: '受理', en: 'intake' },
  HANDLING: { zh: '办理', en: 'handling' },
  DISPATCH: { zh: '派单', en: 'dispatch' },
  FOLLOW_UP: { zh: '回访', en: 'follow-up' },
  SUPERVISION: { zh: '督办', en: 'supervision' },
  TRANSFER: { zh: '转办', en: 'transfer' },
  AUDIT: { zh: '审计', en: 'audit' },
  STATISTICS: { zh: '统计', en: 'statistics' },
};

export const FIELDS: Labels = {
  'caller.phone': { zh: '来电人电话', en: 'caller\'s phone' },
  'caller.name': { zh: '来电人姓名', en: 'caller\'s name' },
  'caller.idNumber': { zh: '来电人身份证号', en: 'caller\'s ID number' },
  'caller.enterpriseCode': { zh: '企业信用代码', en: 'enterprise code' },
  address: { zh: '地址', en: 'address' },
  description: { zh: '诉求内容', en: 'description' },
  number: { zh: '工单编号', en: 'case number' },
};

export const PARTNERS: Labels = {
  police110: { zh: '110 指挥中心', en: '110 police' },
  fire119: { zh: '119 消防', en: '119 fire' },
  ems120: { zh: '120 急救', en: '120 ambulance' },
  traffic122: { zh: '122 交警', en: '122 traffic' },
  petition: { zh: '信访系统', en: 'petition system' },
  supervision: { zh: '互联网+督查', en: 'Internet+Supervision' },
  'utility-water': { zh: '供水', en: 'water' },
  'utility-power': { zh: '供电', en: 'power' },
  'utility-gas': { zh: '燃气', en: 'gas' },
  'utility-heating': { zh: '供热', en: 'heating' },
};

export function label(table: Labels, code: string | null | undefined, lang: Lang): string {
  if (!code) return '—';
  return table[code]?.[lang] ?? code;
}
