import type { TimeLimit } from './deadlines';
import type { SlaProfile } from './entities';
import type { CaseType, SupervisionKind, Urgency } from './model';

/**
 * Local defaults of docs/domain.md (Lüliang/Liulin 2024, Beijing …). There is no national figure, so
 * these are only the first values of configuration tables that a city edits; no rule reads these
 * constants directly.
 */
export const DEFAULT_SLA_PROFILES: SlaProfile[] = [
  { name: 'VERY_URGENT', unit: 'HOURS', amount: 2, description: '特急诉求：30 分钟内签收，2 小时内处置', returnWindowUnit: 'MINUTES', returnWindowAmount: 30 },
  { name: 'URGENT', unit: 'HOURS', amount: 24, description: '紧急诉求：2 小时内签收，24 小时内处置', returnWindowUnit: 'HOURS', returnWindowAmount: 2 },
  { name: 'UTILITY_FAULT', unit: 'HOURS', amount: 24, description: '水电气暖故障：2 小时内签收，24 小时内处置', returnWindowUnit: 'HOURS', returnWindowAmount: 2 },
  { name: 'CONSULTATION', unit: 'WORKING_DAYS', amount: 3, description: '咨询类：3 个工作日内答复' },
  { name: 'GENERAL', unit: 'WORKING_DAYS', amount: 5, description: '一般诉求：5 个工作日内办结' },
  { name: 'COMPLEX', unit: 'WORKING_DAYS', amount: 13, description: '投诉、举报等复杂诉求：13 个工作日内办结' },
  { name: 'LONG_CYCLE', unit: 'CALENDAR_DAYS', amount: 180, description: '长周期事项：不超过 180 日' },
];

export type HotlineSettings = {
  /** Working days after dispatch within which a unit may object (派单异议) and is to sign, unless its SLA profile says otherwise. */
  returnWindowWorkingDays: number;
  /** The hotline's own stages: waiting for dispatch, a reply waiting for review, the follow-up (回访). */
  stageLimits: { pendingDispatch: TimeLimit; replyReview: TimeLimit; followUp: TimeLimit };
  /** The oversight raised when a hotline stage passes its limit, or a unit lets its signing window pass. */
  stageOversightKind: SupervisionKind;
  /** The profile each urgency needs: it applies when it ends sooner than the catalog's (NORMAL: the catalog's). */
  urgencyProfiles: Partial<Record<Urgency, string>>;
  maxExtensions: number;
  maxExtensionWorkingDays: number;
  /** An extension is requested at least this many hours before the deadline (0: before it), and decided before it. */
  extensionRequestMinHoursBeforeDue: number;
  /** No matter runs longer than this many days from registration, extensions included (docs/domain.md: ≤ 180). */
  longCycleMaxDays: number;
  /**
   * 提级办理: the time left is cut to `remainingShare` of it, never below `minimumHours` (nor later than
   * before); `leadUnit` DISTRICT_GOVERNMENT makes the district's government the lead, the former lead a co-unit.
   */
  escalation: { remainingShare: number; minimumHours: number; leadUnit: 'KEEP' | 'DISTRICT_GOVERNMENT' };
  /**
   * From this month (1–12) on, the hub warns that next year's official holiday schedule is not
   * loaded (start-up log, readiness, metric, calendarCoverage): the State Council announces it late
   * in the year, and deadlines into a year not loaded are provisional (weekends only).
   */
  calendarWarnFromMonth: number;
  /** 三率 weights: response, resolution, satisfaction (sum 100). */
  evaluationWeights: { response: number; resolution: number; satisfaction: number };
  /** Oversight triggers: send-backs, and units a case passed through (returned, reassigned, recalled from). */
  sendBackEscalationThreshold: number;
  unitsWithoutLeadEscalationThreshold: number;
  /** Follow-up attempts in one cycle without reaching the caller before the case closes as unreachable. */
  followUpAttemptsBeforeClose: number;
  /** The types an operator may answer at once from the knowledge base; the others go to a unit. */
  answerDirectlyTypes: CaseType[];
  /** Days around a case in which another case of the same caller, address or place may be a duplicate. */
  duplicateWindowDays: number;
  /** A caller's case counts as a repeat call when the same caller had a case this many days before. */
  repeatCallWindowDays: number;
  /** Days after closing after which the caller's contact data is erased (PIPL art. 19: no longer than necessary). */
  contactRetentionDays: number;
  /** 恶意骚扰名单: a listing is reviewed after `reviewAfterDays` and expires after `expireAfterDays`. */
  maliciousList: { reviewAfterDays: number; expireAfterDays: number };
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
  // docs/domain.md: intake → dispatch ≤ 0.5 working day (4 hours); review and follow-up the next working day.
  stageLimits: {
    pendingDispatch: { unit: 'HOURS', amount: 4 },
    replyReview: { unit: 'WORKING_DAYS', amount: 1 },
    followUp: { unit: 'WORKING_DAYS', amount: 1 },
  },
  stageOversightKind: 'REMINDER',
  urgencyProfiles: { URGENT: 'URGENT', VERY_URGENT: 'VERY_URGENT' },
  maxExtensions: 3,
  maxExtensionWorkingDays: 3,
  extensionRequestMinHoursBeforeDue: 0,
  longCycleMaxDays: 180,
  escalation: { remainingShare: 0.5, minimumHours: 24, leadUnit: 'KEEP' },
  calendarWarnFromMonth: 10,
  evaluationWeights: { response: 30, resolution: 35, satisfaction: 35 },
  sendBackEscalationThreshold: 3,
  unitsWithoutLeadEscalationThreshold: 3,
  followUpAttemptsBeforeClose: 2,
  answerDirectlyTypes: ['CONSULTATION', 'HELP_REQUEST'],
  duplicateWindowDays: 7,
  repeatCallWindowDays: 30,
  contactRetentionDays: 365,
  maliciousList: { reviewAfterDays: 90, expireAfterDays: 365 },
  hotspot: { alpha: 0.001, minCount: 5, baselineDays: 56, minDailyRate: 0.02 },
  riskRules: {
    // 拖欠农民工工资, 燃气泄漏, 井盖缺失: sensitive whenever they appear.
    sensitiveCategories: { codes: ['0201', '0803', '0904'], windowHours: 24, minCases: 1 },
    surge: { windowHours: 24 },
    sameAddress: { windowHours: 48, minCallers: 3 },
  },
};
