import type { OrderStatus, OutageKind, Utility } from './entities';

/** The partner account (`partner` claim, webhook path) of each utility's system. */
export const UTILITY_PARTNER: Record<Utility, string> = { water: 'utility-water', power: 'utility-power', gas: 'utility-gas', heating: 'utility-heating' };

/**
 * Order status codes of the utilities' fault-repair systems (95598 style) and what they mean here:
 * 接单 accepted, 到达现场 arrived, 恢复供应 restored, 回单 replied (closing the order), 退单 rejected.
 */
const ORDER_STATUS_BY_CODE: Record<string, OrderStatus> = { JD: 'ACCEPTED', DD: 'ARRIVED', HF: 'RESTORED', HD: 'REPLIED', TD: 'REJECTED' };

export function orderStatusOf(code: string): OrderStatus | undefined {
  return ORDER_STATUS_BY_CODE[code];
}

/** Later stages never go back to earlier ones (a late or repeated message changes nothing). */
const STAGE: Record<OrderStatus, number> = { PENDING: 0, FAILED: 0, SENT: 1, ACCEPTED: 2, ARRIVED: 3, RESTORED: 4, REPLIED: 5, REJECTED: 5, COVERED_BY_OUTAGE: 1 };

export function advances(from: OrderStatus, to: OrderStatus): boolean {
  return STAGE[to] > STAGE[from];
}

/** Outage kinds as published: 计划停运 planned, 故障停运 current (unplanned). */
const OUTAGE_KIND_BY_CODE: Record<string, OutageKind> = { JH: 'PLANNED', GZ: 'CURRENT' };

export function outageKindOf(code: string): OutageKind | undefined {
  return OUTAGE_KIND_BY_CODE[code];
}

export const UTILITY_NAMES: Record<Utility, string> = { water: '停水', power: '停电', gas: '停气', heating: '停暖' };
