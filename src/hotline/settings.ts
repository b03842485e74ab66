import { z } from 'zod';
import { badInput, forbidden } from '../platform/graphql/errors';
import type { HotlineContext } from './context';
import { LIMIT_UNITS } from './deadlines';
import { DEFAULT_SETTINGS, type HotlineSettings } from './defaults';
import { CASE_TYPES, SUPERVISION_KINDS, URGENCIES } from './model';

/**
 * The city's settings (`hotline.setting`), each validated: a bad value from the database is never
 * used (the default is, with a warning), and an administrator's change is checked before it is
 * stored — every number a centre changes, in one place, without a redeploy.
 */
const limit = z.object({ unit: z.enum(LIMIT_UNITS), amount: z.number().int().min(0).max(100_000) });
const days = (max: number) => z.number().int().min(1).max(max);

export const SETTINGS_SCHEMA = z.object({
  returnWindowWorkingDays: z.number().int().min(0).max(10),
  stageLimits: z.object({ pendingDispatch: limit, replyReview: limit, followUp: limit }),
  stageOversightKind: z.enum(SUPERVISION_KINDS),
  urgencyProfiles: z.object(Object.fromEntries(URGENCIES.map((u) => [u, z.string().min(1).max(32).optional()]))).strict(),
  maxExtensions: z.number().int().min(0).max(10),
  maxExtensionWorkingDays: days(60),
  extensionRequestMinHoursBeforeDue: z.number().min(0).max(240),
  longCycleMaxDays: days(3650),
  escalation: z.object({ remainingShare: z.number().gt(0).max(1), minimumHours: z.number().min(0).max(720), leadUnit: z.enum(['KEEP', 'DISTRICT_GOVERNMENT']) }),
  calendarWarnFromMonth: z.number().int().min(1).max(12),
  evaluationWeights: z
    .object({ response: z.number().min(0), resolution: z.number().min(0), satisfaction: z.number().min(0) })
    .refine((w) => w.response + w.resolution + w.satisfaction === 100, 'the three weights add up to 100'),
  sendBackEscalationThreshold: days(20),
  unitsWithoutLeadEscalationThreshold: days(20),
  followUpAttemptsBeforeClose: days(10),
  answerDirectlyTypes: z.array(z.enum(CASE_TYPES)).max(CASE_TYPES.length),
  duplicateWindowDays: days(365),
  repeatCallWindowDays: days(365),
  contactRetentionDays: days(3650),
  maliciousList: z.object({ reviewAfterDays: days(3650), expireAfterDays: days(3650) }).refine((m) => m.reviewAfterDays <= m.expireAfterDays, 'a listing is reviewed before it expires'),
  hotspot: z.object({ alpha: z.number().gt(0).lt(1), minCount: days(10_000), baselineDays: days(3650), minDailyRate: z.number().min(0) }),
  riskRules: z.object({
    sensitiveCategories: z.object({ codes: z.array(z.string().max(16)).max(200), windowHours: days(24 * 90), minCases: days(10_000) }),
    surge: z.object({ windowHours: days(24 * 90) }),
    sameAddress: z.object({ windowHours: days(24 * 90), minCallers: days(10_000) }),
  }),
}) satisfies z.ZodType<HotlineSettings>;

export type SettingKey = keyof HotlineSettings;
export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

/** The value of one setting if valid; the reasons otherwise. */
export function checkSetting(key: SettingKey, value: unknown): { ok: true; value: unknown } | { ok: false; problems: string[] } {
  const parsed = SETTINGS_SCHEMA.shape[key].safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${[key, ...i.path].join('.')}: ${i.message}`) };
}

export type SettingView = { key: string; value: string; defaultValue: string; isDefault: boolean };

/** Every setting, as JSON: the value in force and the default (ADMIN). */
export async function hotlineSettings(ctx: HotlineContext): Promise<SettingView[]> {
  if (!ctx.ability.can('manage', 'Setting')) throw forbidden('only administrators read and change the hotline settings');
  const settings = await ctx.runtime.settings();
  return SETTING_KEYS.map((key) => {
    const value = JSON.stringify(settings[key]);
    const defaultValue = JSON.stringify(DEFAULT_SETTINGS[key]);
    return { key, value, defaultValue, isDefault: value === defaultValue };
  });
}

/** Changes one setting (ADMIN): validated as a whole, stored, in force at once in this process (others within a minute). */
export async function updateHotlineSetting(ctx: HotlineContext, args: { key: string; value: string }): Promise<SettingView> {
  if (!ctx.ability.can('manage', 'Setting')) throw forbidden('only administrators read and change the hotline settings');
  if (!(SETTING_KEYS as string[]).includes(args.key)) throw badInput('key', `is not a setting (one of ${SETTING_KEYS.join(', ')})`);
  const key = args.key as SettingKey;
  let raw: unknown;
  try {
    raw = JSON.parse(args.value);
  } catch {
    throw badInput('value', 'must be JSON, e.g. 3 or {"unit":"HOURS","amount":4}');
  }
  const checked = checkSetting(key, raw);
  if (!checked.ok) throw badInput('value', checked.problems.join('; '));
  await ctx.runtime.replaceSetting(key, checked.value);
  ctx.log.info({ key, by: ctx.principal.sub }, 'hotline setting changed');
  return (await hotlineSettings(ctx)).find((s) => s.key === key)!;
}
