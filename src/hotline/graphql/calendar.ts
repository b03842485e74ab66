import { calendarCoverage, loadCalendarNotice, loadCalendarYear, type CalendarCoverage, type CalendarYearLoad } from '../calendar-admin';
import { builder } from './builder';

const CalendarYearLoadRef = builder.objectRef<CalendarYearLoad>('CalendarYearLoad').implement({
  description: 'What a load of one year did (or, with dryRun, would do).',
  fields: (t) => ({
    year: t.exposeInt('year'),
    holidays: t.exposeStringList('holidays', { description: 'Rest days (YYYY-MM-DD).' }),
    workdays: t.exposeStringList('workdays', { description: 'Make-up working days on weekends (调休上班).' }),
    recomputedCases: t.exposeInt('recomputedCases', { description: 'Cases whose provisional deadlines were computed again on the loaded calendar.' }),
    dryRun: t.exposeBoolean('dryRun'),
  }),
});

const CalendarCoverageRef = builder.objectRef<CalendarCoverage>('CalendarCoverage').implement({
  description: 'Years of the working-day calendar that are loaded, and the ones deadlines need now that are not.',
  fields: (t) => ({
    years: t.exposeIntList('years'),
    missing: t.exposeIntList('missing', {
      description: 'This year, and next year from the month in setting calendarWarnFromMonth (October), when not loaded: deadlines into them are provisional (weekends only).',
    }),
    warning: t.exposeString('warning', { nullable: true, description: 'What administrators are told while years are missing.' }),
    provisionalCases: t.exposeInt('provisionalCases', { description: 'Cases with at least one provisional deadline (recomputed when the year is loaded).' }),
    loaded: t.field({ type: CalendarYearLoadRef, nullable: true, resolve: (c) => c.loaded }),
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
    description: "ADMIN: load one year's public holidays and make-up working days (调休), as announced by the State Council; provisional deadlines are recomputed.",
    args: {
      year: t.arg.int({ required: true }),
      holidays: t.arg({ type: [CalendarDayInput], required: true }),
      workdays: t.arg({ type: [CalendarDayInput], required: true, description: 'Make-up working days on weekends.' }),
      source: t.arg.string({ required: true, description: 'Where the schedule comes from, e.g. 国办发明电〔2026〕x号.' }),
    },
    resolve: (_root, args, ctx) => loadCalendarYear(ctx, args),
  }),
  loadCalendarNotice: t.field({
    type: CalendarCoverageRef,
    description:
      "ADMIN: load one year from the text of the State Council's holiday notice (its lines 一、元旦：… to 七、国庆节：…), checked line by line (weekdays, day counts, every festival); provisional deadlines are recomputed.",
    args: {
      year: t.arg.int({ required: true }),
      notice: t.arg.string({ required: true, description: 'The notice\'s festival lines, as published.' }),
      source: t.arg.string({ required: true, description: 'The notice, e.g. 国办发明电〔2026〕x号.' }),
      dryRun: t.arg.boolean({ required: false, description: 'Check and show what would be loaded, without loading it.' }),
    },
    resolve: (_root, args, ctx) => loadCalendarNotice(ctx, args),
  }),
}));
