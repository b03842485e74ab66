import { badInput } from '../platform/graphql/errors';

/**
 * Reads the State Council General Office's annual notice on public holidays (国务院办公厅关于
 * 某年部分节假日安排的通知) as it is published — one line per festival:
 *
 *   二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
 *
 * and checks it the way a careful reader would: every statutory festival is there once, each
 * weekday in brackets is the weekday of its date, "共N天" is the length of its period, make-up
 * working days fall on weekends and outside the holidays, periods do not overlap, and every date is
 * in the notice's year (a period may start in the last days of the year before, as 元旦 sometimes does).
 * Any doubt is a BAD_USER_INPUT naming the line: a wrong calendar moves every deadline.
 */
export type NoticeDay = { date: string; name: string };
export type ParsedNotice = { holidays: NoticeDay[]; workdays: NoticeDay[] };

/** The statutory festivals (《全国年节及纪念日放假办法》): each has a line of its own, or 中秋 shares 国庆's. */
export const FESTIVALS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;

const WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const NUMERAL = '[一二三四五六七八九十]+';
const DATE = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:[（(]([^）)]*)[）)])?/g;
const DAY_MS = 86_400_000;

type DateToken = { date: string; weekday?: number; text: string };

export function parseHolidayNotice(year: number, text: string): ParsedNotice {
  // One festival per line, whatever the line breaks of the copy: a new line before each "二、名称：".
  const normalised = text.replace(new RegExp(`(${NUMERAL})、(?=[^、：:\\n]{1,12}(?:、[^、：:\\n]{1,12})?[：:])`, 'g'), '\n$1、');
  const lines = normalised
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => new RegExp(`^${NUMERAL}、`).test(l));
  if (lines.length === 0) throw badInput('notice', 'no festival lines found; paste the notice\'s lines "一、元旦：…" to "七、国庆节：…"');
  const holidays: NoticeDay[] = [];
  const workdays: NoticeDay[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const match = new RegExp(`^${NUMERAL}、\\s*([^：:]+)[：:]\\s*(.+)$`).exec(line);
    const where = `line "${line.slice(0, 24)}…"`;
    if (!match) throw badInput('notice', `${where}: expected "名称：日期…放假…"`);
    const title = match[1]!.trim();
    const names = title.split(/[、和与]/).map((n) => n.trim());
    for (const name of names) {
      if (!(FESTIVALS as readonly string[]).includes(name)) throw badInput('notice', `${where}: ${name} is not a statutory festival (${FESTIVALS.join('、')})`);
      if (seen.has(name)) throw badInput('notice', `${where}: ${name} is listed twice`);
      seen.add(name);
    }
    const label = names.join('、');
    const sentences = match[2]!.split('。').map((s) => s.trim()).filter(Boolean);
    const holidaySentence = sentences.find((s) => s.includes('放假'));
    if (!holidaySentence) throw badInput('notice', `${where}: no "放假" period`);
    const before = holidaySentence.slice(0, holidaySentence.indexOf('放假'));
    const dates = tokens(year, before, where);
    if (dates.length === 0 || dates.length > 2) throw badInput('notice', `${where}: expected "M月D日" or "M月D日至D日" before 放假`);
    const start = dates[0]!;
    const end = dates[1] ?? start;
    const length = (Date.parse(`${end.date}T00:00:00Z`) - Date.parse(`${start.date}T00:00:00Z`)) / DAY_MS + 1;
    if (length < 1 || length > 15) throw badInput('notice', `${where}: the period ${start.date} to ${end.date} is not 1 to 15 days`);
    const stated = /共\s*(\d+)\s*天|放假\s*(\d+)\s*天/.exec(holidaySentence);
    if (!stated) throw badInput('notice', `${where}: the number of days ("共N天") is missing`);
    const days = Number(stated[1] ?? stated[2]);
    if (days !== length) throw badInput('notice', `${where}: says ${days} days, but ${start.date} to ${end.date} is ${length}`);
    for (let i = 0; i < length; i++) holidays.push({ date: isoDay(Date.parse(`${start.date}T00:00:00Z`) + i * DAY_MS), name: label });
    for (const sentence of sentences.filter((s) => s.includes('上班'))) {
      for (const day of tokens(year, sentence.slice(0, sentence.indexOf('上班')), where)) {
        if (!isWeekend(day.date)) throw badInput('notice', `${where}: ${day.date} is a weekday; a make-up working day (上班) falls on a weekend`);
        workdays.push({ date: day.date, name: label });
      }
    }
  }
  const missing = FESTIVALS.filter((f) => !seen.has(f));
  if (missing.length) throw badInput('notice', `${missing.join('、')} missing: the notice lists every statutory festival`);
  const byDate = new Map<string, string>();
  for (const day of [...holidays, ...workdays]) {
    const other = byDate.get(day.date);
    if (other) throw badInput('notice', `${day.date} is named twice (${other} and ${day.name})`);
    byDate.set(day.date, day.name);
  }
  return { holidays: sortByDate(holidays), workdays: sortByDate(workdays) };
}

/** The dates of a text fragment, month and year carried forward ("2月15日至23日"), weekdays checked. */
function tokens(year: number, fragment: string, where: string): DateToken[] {
  const found: DateToken[] = [];
  let month: number | undefined;
  let tokenYear = year;
  for (const m of fragment.matchAll(DATE)) {
    if (m[1]) tokenYear = Number(m[1]);
    if (m[2]) month = Number(m[2]);
    if (month === undefined) throw badInput('notice', `${where}: "${m[0]}" has no month`);
    if (tokenYear !== year && tokenYear !== year - 1) throw badInput('notice', `${where}: ${tokenYear} is neither ${year} nor the end of ${year - 1}`);
    const day = Number(m[3]);
    const date = `${tokenYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const parsed = Date.parse(`${date}T00:00:00Z`);
    if (Number.isNaN(parsed) || isoDay(parsed) !== date) throw badInput('notice', `${where}: ${month}月${day}日 is not a date`);
    if (tokenYear === year - 1 && month !== 12) throw badInput('notice', `${where}: ${date} is not in ${year}`);
    const weekdayName = m[4] ? /[周星期]([一二三四五六日天])/.exec(m[4])?.[1] : undefined;
    const weekday = weekdayName ? WEEKDAYS[weekdayName] : undefined;
    if (weekday !== undefined && new Date(parsed).getUTCDay() !== weekday) {
      throw badInput('notice', `${where}: ${date} is not a 周${weekdayName} (check the date)`);
    }
    found.push({ date, weekday, text: m[0] });
  }
  return found;
}

function isWeekend(date: string): boolean {
  const day = new Date(Date.parse(`${date}T00:00:00Z`)).getUTCDay();
  return day === 0 || day === 6;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function sortByDate(days: NoticeDay[]): NoticeDay[] {
  return [...days].sort((a, b) => a.date.localeCompare(b.date));
}
