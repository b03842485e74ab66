import { parseHolidayNotice } from '../../src/hotline/calendar-notice';

/**
 * The State Council's holiday notices, as published, read into calendar days — checked against the
 * chinese-days package (which the hub seeds its calendar from) for the years it knows.
 */
const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。`;

// 2025, pasted as one paragraph: the festival lines are found without line breaks.
const NOTICE_2025 =
  '一、元旦：1月1日（周三）放假1天，不调休。二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。' +
  '三、清明节：4月4日（周五）至6日（周日）放假，共3天。四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。' +
  '五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。';

describe('the State Council holiday notice, read line by line', () => {
  const packaged = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
  const ofYear = (days: Record<string, string>, year: number) => Object.keys(days).filter((d) => d.startsWith(`${year}-`)).sort();

  it.each([
    [2026, NOTICE_2026],
    [2025, NOTICE_2025],
  ])('%i: the same rest days and make-up working days as the chinese-days package', (year, text) => {
    const parsed = parseHolidayNotice(year, text);
    expect(parsed.holidays.map((d) => d.date)).toEqual(ofYear(packaged.holidays, year));
    expect(parsed.workdays.map((d) => d.date)).toEqual(ofYear(packaged.workdays, year));
  });

  it('names each day after its festival', () => {
    const parsed = parseHolidayNotice(2026, NOTICE_2026);
    expect(parsed.holidays.find((d) => d.date === '2026-02-15')).toEqual({ date: '2026-02-15', name: '春节' });
    expect(parsed.workdays.find((d) => d.date === '2026-10-10')).toEqual({ date: '2026-10-10', name: '国庆节' });
    expect(parseHolidayNotice(2025, NOTICE_2025).holidays.find((d) => d.date === '2025-10-06')?.name).toBe('国庆节、中秋节');
  });

  it('a period may begin in the last days of the year before (元旦 2023)', () => {
    const text = NOTICE_2026.replace('一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。', '一、元旦：2025年12月31日（周三）至2026年1月3日（周六）放假调休，共4天。');
    expect(parseHolidayNotice(2026, text).holidays.slice(0, 2).map((d) => d.date)).toEqual(['2025-12-31', '2026-01-01']);
  });

  it.each([
    ['a weekday that is not the date\'s', NOTICE_2026.replace('2月15日（农历腊月二十八、周日）', '2月15日（农历腊月二十八、周一）'), /2026-02-15 is not a 周一/],
    ['a day count that does not match the period', NOTICE_2026.replace('放假调休，共9天', '放假调休，共8天'), /says 8 days, but 2026-02-15 to 2026-02-23 is 9/],
    ['a make-up working day on a weekday', NOTICE_2026.replace('5月9日（周六）上班', '5月8日（周五）上班'), /2026-05-08 is a weekday/],
    ['a festival missing', NOTICE_2026.replace(/\n五、端午节：[^\n]*/, ''), /端午节 missing/],
    ['a festival twice', `${NOTICE_2026}\n八、元旦：12月31日（周四）放假1天。`, /元旦 is listed twice/],
    ['a date outside the year', NOTICE_2026.replace('三、清明节：4月4日（周六）', '三、清明节：2027年4月4日（周日）'), /2027 is neither 2026/],
    ['a make-up day inside a holiday', NOTICE_2026.replace('5月9日（周六）上班', '5月2日（周六）上班'), /2026-05-02 is named twice/],
    ['no festival lines at all', '国务院办公厅关于2026年部分节假日安排的通知', /no festival lines found/],
  ])('refuses %s, naming the line', (_what, text, message) => {
    expect(() => parseHolidayNotice(2026, text)).toThrow(message);
  });
});
