import { calendarCoverage, loadCalendarYear } from '../calendar-admin';
import { builder } from './builder';

const CalendarCoverageRef = builder.objectRef<{ years: number[]; missing: number[] }>('CalendarCoverage').implement({
  description: 'Years of the working-day calendar that are loaded, and the ones deadlines may need that are not.',
  fields: (t) => ({
    years: t.exposeIntList('years'),
    missing: t.exposeIntList('missing', { description: 'This year and next, when not loaded: deadlines in them cannot be computed.' }),
  }),
});

const CalendarDayInput = builder.inputType('CalendarDayInput', {
  fields: (t) => ({ date: t.string({ required: true, description: 'YYYY-MM-DD' }), name: t.string({ required: false }) }),
});

builder.queryFields((t) => ({
  calendarCoverage: t.field({ type: CalendarCoverageRef, resolve: (_root, _args, ctx) => calendarCoverage(ctx) }),
}));

builder.mutationFields((t) => ({
  loadCalendarYear: t.field({
    type: CalendarCoverageRef,
    description: "ADMIN: load one year's public holidays and make-up working days (调休), as announced by the State Council.",
    args: {
      year: t.arg.int({ required: true }),
      holidays: t.arg({ type: [CalendarDayInput], required: true }),
      workdays: t.arg({ type: [CalendarDayInput], required: true, description: 'Make-up working days on weekends.' }),
      source: t.arg.string({ required: true, description: 'Where the schedule comes from, e.g. 国办发明电〔2026〕x号.' }),
    },
    resolve: (_root, args, ctx) => loadCalendarYear(ctx, args),
  }),
}));
