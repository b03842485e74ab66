import type { SlaProfile } from './entities';

/**
 * Local defaults of docs/domain.md (Lüliang/Liulin 2024, Beijing …). There is no national figure, so
 * these are only the first values of configuration tables that a city edits; no rule reads these
 * constants directly.
 */
export const DEFAULT_SLA_PROFILES: SlaProfile[] = [
  { name: 'URGENT', unit: 'HOURS', amount: 2, description: '紧急诉求：30 分钟至 2 小时内响应处置' },
  { name: 'UTILITY_FAULT', unit: 'HOURS', amount: 24, description: '水电气暖故障：24 小时内处置' },
  { name: 'CONSULTATION', unit: 'WORKING_DAYS', amount: 3, description: '咨询类：3 个工作日内答复' },
  { name: 'GENERAL', unit: 'WORKING_DAYS', amount: 5, description: '一般诉求：5 个工作日内办结' },
  { name: 'COMPLEX', unit: 'WORKING_DAYS', amount: 13, description: '投诉、举报等复杂诉求：13 个工作日内办结' },
  { name: 'LONG_CYCLE', unit: 'CALENDAR_DAYS', amount: 180, description: '长周期事项：不超过 180 日' },
];

export type HotlineSettings = {
  /** Working days after dispatch within which a unit may object (派单异议). */
  returnWindowWorkingDays: number;
  /** Intake → dispatch limit (docs/domain.md: ≤ 0.5 working day). */
  intakeToDispatchWorkingDays: number;
  maxExtensions: number;
  maxExtensionWorkingDays: number;
  /** No matter runs longer than this many days from registration, extensions included (docs/domain.md: ≤ 180). */
  longCycleMaxDays: number;
  /** Follow-up (回访) is due this many working days after the reply is accepted. */
  followUpDueWorkingDays: number;
  /**
   * From this month (1–12) on, the hub warns that next year's official holiday schedule is not
   * loaded (start-up log, readiness, metric, calendarCoverage): the State Council announces it late
   * in the year, and deadlines into a year not loaded are provisional (weekends only).
   */
  calendarWarnFromMonth: number;
  /** 三率 weights: response, resolution, satisfaction (sum 100). */
  evaluationWeights: { response: number; resolution: number; satisfaction: number };
  /** Supervision triggers. */
  sendBackEscalationThreshold: number;
  unitsWithoutLeadEscalationThreshold: number;
  /** Follow-up attempts without reaching the caller before the case closes as unreachable. */
  followUpAttemptsBeforeClose: number;
  /** Days around a case in which another case of the same place and category may be a duplicate. */
  duplicateWindowDays: number;
  /** Days after closing after which the caller's contact data is erased (PIPL art. 19: no longer than necessary). */
  contactRetentionDays: number;
  /**
   * Hotspots (未诉先办): a place × category is a hotspot when its count in the window would have a
   * Poisson probability below `alpha` given its own rate over the previous `baselineDays` (never
   * assumed below `minDailyRate`), and at least `minCount` cases.
   */
  hotspot: { alpha: number; minCount: number; baselineDays: number; minDailyRate: number };
  /** Risk early-warning rules. */
  riskRules: {
    sensitiveCategories: { codes: string[]; windowHours: number; minCases: number };
    surge: { windowHours: number };
    sameAddress: { windowHours: number; minCallers: number };
  };
};

export const DEFAULT_SETTINGS: HotlineSettings = {
  returnWindowWorkingDays: 1,
  intakeToDispatchWorkingDays: 0.5,
  maxExtensions: 3,
  maxExtensionWorkingDays: 3,
  longCycleMaxDays: 180,
  followUpDueWorkingDays: 1,
  calendarWarnFromMonth: 10,
  evaluationWeights: { response: 30, resolution: 35, satisfaction: 35 },
  sendBackEscalationThreshold: 3,
  unitsWithoutLeadEscalationThreshold: 3,
  followUpAttemptsBeforeClose: 2,
  duplicateWindowDays: 7,
  contactRetentionDays: 365,
  hotspot: { alpha: 0.001, minCount: 5, baselineDays: 56, minDailyRate: 0.02 },
  riskRules: {
    // 拖欠农民工工资, 燃气泄漏, 井盖缺失: sensitive whenever they appear.
    sensitiveCategories: { codes: ['0201', '0803', '0904'], windowHours: 24, minCases: 1 },
    surge: { windowHours: 24 },
    sameAddress: { windowHours: 48, minCallers: 3 },
  },
};
