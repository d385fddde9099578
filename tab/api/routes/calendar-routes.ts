import { z } from 'zod';
import {
  calendarPeriodInputSchema,
  calendarPeriodKinds,
  getCalendarView,
  importCalendarCsv,
  listAcademicYears,
  replaceCalendar,
} from '../../../core/planner/calendar-service';
import { defineRoute } from '../api-route';

const isoDate = z.string().describe('YYYY-MM-DD');
const yearSchema = z.object({ id: z.uuid(), label: z.string(), startsOn: isoDate, endsOn: isoDate });
const yearParams = z.object({ yearId: z.string() });

export const schoolCalendarSchema = z.object({
  year: yearSchema,
  periods: z.array(z.object({ id: z.uuid(), kind: z.enum(calendarPeriodKinds), name: z.string(), startsOn: isoDate, endsOn: isoDate })),
  bankHolidays: z.array(z.object({ date: isoDate, name: z.string() })),
  halfTerms: z.array(z.object({ label: z.string(), startsOn: isoDate, endsOn: isoDate })),
  canEdit: z.boolean().describe('True for trust administrators, who may change the dates.'),
});

export const calendarRoutes = [
  defineRoute({
    method: 'get',
    path: '/academic-years',
    summary: "The trust's academic years, earliest first.",
    auth: 'person',
    response: z.object({ items: z.array(yearSchema) }),
    handle: async ({ deps, caller }) => ({ items: await listAcademicYears(deps.db, caller.trustId) }),
  }),
  defineRoute({
    method: 'get',
    path: '/academic-years/:yearId/calendar',
    summary: "An academic year's term dates, with the bank holidays and half-terms they make.",
    auth: 'person',
    params: yearParams,
    response: schoolCalendarSchema,
    handle: async ({ deps, caller, params }) => getCalendarView(deps.db, caller, params.yearId),
  }),
  defineRoute({
    method: 'put',
    path: '/academic-years/:yearId/calendar',
    summary: "Replaces an academic year's term dates (trust administrators); 400 lists every problem and changes nothing.",
    auth: 'person',
    params: yearParams,
    body: z.object({ periods: z.array(calendarPeriodInputSchema).max(500) }),
    response: schoolCalendarSchema,
    handle: async ({ deps, caller, params, body }) => replaceCalendar(deps.db, caller, params.yearId, body.periods, deps.clock.now()),
  }),
  defineRoute({
    method: 'post',
    path: '/academic-years/:yearId/calendar/import',
    summary: "Replaces an academic year's term dates from CSV (kind,name,starts_on,ends_on); row-numbered problems, nothing written on error.",
    auth: 'person',
    params: yearParams,
    body: z.object({ csv: z.string().max(200_000, { error: 'the CSV must be under 200,000 characters' }) }),
    response: schoolCalendarSchema,
    handle: async ({ deps, caller, params, body }) => importCalendarCsv(deps.db, caller, params.yearId, body.csv, deps.clock.now()),
  }),
];
