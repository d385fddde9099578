import { parse as parseCsv } from 'csv-parse/sync';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { academicYears, calendarPeriods } from '../db/schema';
import { AppError, notFound } from '../errors';
import { isIsoDate } from './iso-date';
import { recordAudit } from './planner-audit';
import { hasTrustRole, requireTrustAdmin, requireUuid } from './planner-permissions';
import { buildSchoolCalendar, type CalendarPeriod, type CalendarPeriodKind } from './school-calendar';
import { SchoolCalendarError } from './school-calendar-error';

/** Academic years and their term dates: read by anyone in the trust, changed by trust administrators. */

export const calendarPeriodKinds = ['term', 'half_term', 'inset_day', 'closure', 'bank_holiday'] as const satisfies readonly CalendarPeriodKind[];

export interface AcademicYearSummary {
  id: string;
  label: string;
  startsOn: string;
  endsOn: string;
}

export interface SchoolCalendarView {
  year: AcademicYearSummary;
  periods: Array<CalendarPeriod & { id: string }>;
  bankHolidays: Array<{ date: string; name: string }>;
  halfTerms: Array<{ label: string; startsOn: string; endsOn: string }>;
  canEdit: boolean;
}

interface Caller {
  trustId: string;
  personId: string;
}

export async function listAcademicYears(db: Db, trustId: string): Promise<AcademicYearSummary[]> {
  return db
    .select({ id: academicYears.id, label: academicYears.label, startsOn: academicYears.startsOn, endsOn: academicYears.endsOn })
    .from(academicYears)
    .where(eq(academicYears.trustId, trustId))
    .orderBy(asc(academicYears.startsOn));
}

export async function findAcademicYear(db: Db, trustId: string, yearId: string): Promise<AcademicYearSummary> {
  requireUuid(yearId, 'The academic year');
  const [year] = await db
    .select({ id: academicYears.id, label: academicYears.label, startsOn: academicYears.startsOn, endsOn: academicYears.endsOn })
    .from(academicYears)
    .where(and(eq(academicYears.trustId, trustId), eq(academicYears.id, yearId)));
  if (!year) throw notFound('The academic year');
  return year;
}

export async function loadPeriods(db: Db, trustId: string, yearId: string): Promise<Array<CalendarPeriod & { id: string }>> {
  return db
    .select({ id: calendarPeriods.id, kind: calendarPeriods.kind, name: calendarPeriods.name, startsOn: calendarPeriods.startsOn, endsOn: calendarPeriods.endsOn })
    .from(calendarPeriods)
    .where(and(eq(calendarPeriods.trustId, trustId), eq(calendarPeriods.academicYearId, yearId)))
    .orderBy(asc(calendarPeriods.startsOn), asc(calendarPeriods.kind), asc(calendarPeriods.name));
}

/** The year's school calendar as the engine sees it; throws `SchoolCalendarError` when its dates make no sense. */
export async function loadSchoolCalendar(db: Db, trustId: string, year: AcademicYearSummary) {
  const periods = await loadPeriods(db, trustId, year.id);
  return buildSchoolCalendar({ label: year.label, startsOn: year.startsOn, endsOn: year.endsOn, periods });
}

export async function getCalendarView(db: Db, caller: Caller, yearId: string): Promise<SchoolCalendarView> {
  const year = await findAcademicYear(db, caller.trustId, yearId);
  const [periods, canEdit] = await Promise.all([loadPeriods(db, caller.trustId, yearId), hasTrustRole(db, caller.trustId, caller.personId, 'trust_admin')]);
  return { ...derived(year, periods), canEdit };
}

function derived(year: AcademicYearSummary, periods: Array<CalendarPeriod & { id: string }>): Omit<SchoolCalendarView, 'canEdit'> {
  let bankHolidays: SchoolCalendarView['bankHolidays'] = [];
  let halfTerms: SchoolCalendarView['halfTerms'] = [];
  try {
    const calendar = buildSchoolCalendar({ label: year.label, startsOn: year.startsOn, endsOn: year.endsOn, periods });
    bankHolidays = calendar.bankHolidays.map(({ date, name }) => ({ date, name }));
    halfTerms = calendar.halfTerms.map(({ label, startsOn, endsOn }) => ({ label, startsOn, endsOn }));
  } catch (error) {
    // Stored dates that no longer make a calendar still show, so an admin can see and fix them.
    if (!(error instanceof SchoolCalendarError)) throw error;
  }
  return { year, periods, bankHolidays, halfTerms };
}

/** Replaces every period of the year in one transaction, after checking the new dates make a calendar. */
export async function replaceCalendar(db: Db, caller: Caller, yearId: string, periods: readonly CalendarPeriod[], now: Date, source: 'edit' | 'csv' = 'edit'): Promise<SchoolCalendarView> {
  await requireTrustAdmin(db, caller.trustId, caller.personId, 'change term dates');
  const year = await findAcademicYear(db, caller.trustId, yearId);
  buildSchoolCalendar({ label: year.label, startsOn: year.startsOn, endsOn: year.endsOn, periods });
  await db.transaction(async (tx) => {
    await tx.delete(calendarPeriods).where(and(eq(calendarPeriods.trustId, caller.trustId), eq(calendarPeriods.academicYearId, yearId)));
    if (periods.length > 0) {
      await tx.insert(calendarPeriods).values(periods.map((p) => ({ trustId: caller.trustId, academicYearId: yearId, kind: p.kind, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn })));
    }
    await recordAudit(tx, {
      trustId: caller.trustId,
      actorPersonId: caller.personId,
      action: source === 'csv' ? 'calendar.imported' : 'calendar.replaced',
      subject: `academic_year:${yearId}`,
      detail: { label: year.label, periods: periods.length },
      at: now,
    });
  });
  return getCalendarView(db, caller, yearId);
}

const csvColumns = ['kind', 'name', 'starts_on', 'ends_on'] as const;

/**
 * Reads term dates from CSV (`kind,name,starts_on,ends_on`, header first). Every problem is listed
 * with its row number as a spreadsheet shows it (the header is row 1); nothing is returned on error.
 */
export function parseCalendarCsv(csv: string): CalendarPeriod[] {
  let records: string[][];
  try {
    records = parseCsv(csv.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw new AppError('calendar_import_invalid', `The file could not be read as CSV: ${(error as Error).message}`, 400, { problems: [] });
  }
  const [header, ...rows] = records;
  const wanted = csvColumns.join(',');
  if (!header || header.map((h) => h.toLowerCase()).join(',') !== wanted) {
    throw new AppError('calendar_import_invalid', `The first row must be the header ${wanted}.`, 400, { problems: [`Row 1: the header must be ${wanted}`] });
  }
  const problems: string[] = [];
  const periods: CalendarPeriod[] = [];
  rows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.length !== csvColumns.length) {
      problems.push(`Row ${row}: expected ${csvColumns.length} values (${wanted}) but found ${cells.length}.`);
      return;
    }
    const [kind, name, startsOn, endsOn] = cells as [string, string, string, string];
    const rowProblems: string[] = [];
    if (!(calendarPeriodKinds as readonly string[]).includes(kind)) rowProblems.push(`kind "${kind}" must be one of ${calendarPeriodKinds.join(', ')}`);
    if (name === '') rowProblems.push('name must not be empty');
    if (!isIsoDate(startsOn)) rowProblems.push(`starts_on "${startsOn}" must be a date in the form YYYY-MM-DD`);
    if (!isIsoDate(endsOn)) rowProblems.push(`ends_on "${endsOn}" must be a date in the form YYYY-MM-DD`);
    if (rowProblems.length > 0) problems.push(`Row ${row}: ${rowProblems.join('; ')}.`);
    else periods.push({ kind: kind as CalendarPeriodKind, name, startsOn, endsOn });
  });
  if (rows.length === 0) problems.push('The file has no rows after the header.');
  if (problems.length > 0) {
    throw new AppError('calendar_import_invalid', `The calendar file has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}: ${problems.join(' ')}`, 400, { problems });
  }
  return periods;
}

export const calendarPeriodInputSchema = z
  .object({
    kind: z.enum(calendarPeriodKinds, { error: `kind must be one of ${calendarPeriodKinds.join(', ')}` }),
    name: z.string().trim().min(1, { error: 'name must not be empty' }).max(200),
    startsOn: z.iso.date({ error: 'startsOn must be a date in the form YYYY-MM-DD' }),
    endsOn: z.iso.date({ error: 'endsOn must be a date in the form YYYY-MM-DD' }),
  })
  .strict();

/** Replaces the year's periods with those in the CSV; nothing is written when any row is wrong. */
export async function importCalendarCsv(db: Db, caller: Caller, yearId: string, csv: string, now: Date): Promise<SchoolCalendarView> {
  await requireTrustAdmin(db, caller.trustId, caller.personId, 'change term dates');
  await findAcademicYear(db, caller.trustId, yearId);
  return replaceCalendar(db, caller, yearId, parseCalendarCsv(csv), now, 'csv');
}
