/**
 * The petition system's codes and the hub's. The petition bureau classifies matters by its own
 * content categories (信访事项内容分类); the hotline's catalog (GB/T 39666 style) maps onto them by
 * its top-level class. Statuses of a petition and of its handling map both ways.
 */
const CATEGORY_BY_CLASS: Record<string, string> = {
  '01': 'XF-CXJS', // 城乡建设
  '02': 'XF-LDSB', // 劳动社保
  '03': 'XF-SCJG', // 市场监管
  '04': 'XF-HJBH', // 生态环境
  '05': 'XF-JTYS', // 交通运输
  '06': 'XF-JYWT', // 教育文体
  '07': 'XF-WSJK', // 卫生健康
  '08': 'XF-GYSY', // 公用事业
  '09': 'XF-CSGL', // 城市管理
};

const PETITION_OTHER = 'XF-QT'; // 其他

/** Every petition content category the hub knows: the mapped classes and 其他. */
export const PETITION_CATEGORIES: readonly string[] = [...Object.values(CATEGORY_BY_CLASS), PETITION_OTHER];

export function isPetitionCategory(code: string): boolean {
  return PETITION_CATEGORIES.includes(code);
}

export function petitionCategoryOf(categoryCode: string): string {
  return CATEGORY_BY_CLASS[categoryCode.slice(0, 2)] ?? PETITION_OTHER;
}

/** The hotline category a referral is registered under: the class's first category, or none. */
export function hotlineClassOf(petitionCategory: string): string | undefined {
  return Object.entries(CATEGORY_BY_CLASS).find(([, code]) => code === petitionCategory)?.[0];
}

/** Petition statuses (信访事项办理状态) as the hub shows them. */
export const PETITION_STATUSES = { SL: 'ACCEPTED', BL: 'IN_PROGRESS', DF: 'ANSWERED', FH: 'REVIEWING', BJ: 'CONCLUDED' } as const;
export type PetitionStatusCode = keyof typeof PETITION_STATUSES;
export type PetitionStatus = (typeof PETITION_STATUSES)[PetitionStatusCode];

export function petitionStatusOf(code: string): PetitionStatus {
  return (PETITION_STATUSES as Record<string, PetitionStatus>)[code] ?? 'IN_PROGRESS';
}

/** How a referral's handling is reported back: the case's state in the petition system's words. */
export function handlingCodeOf(caseStatus: string): 'SL' | 'BL' | 'DF' | 'BJ' | undefined {
  switch (caseStatus) {
    case 'PENDING_DISPATCH':
    case 'DISPATCHED':
      return 'SL';
    case 'SIGNED':
    case 'SENT_BACK':
    case 'RETURN_REQUESTED':
      return 'BL';
    case 'REPLIED':
    case 'FOLLOW_UP_PENDING':
      return 'DF';
    case 'CLOSED':
    case 'MERGED':
      return 'BJ';
    default:
      return undefined;
  }
}
