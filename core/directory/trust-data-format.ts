import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { calendarPeriodKind, communityKind, meetingMode, meetingStatus, membershipRole, personRole } from '../db/schema';
import { frameworkSchema } from '../framework/framework-format';

/**
 * The trust data file: a JSON document (see `data/demo-trust.json` and `docs/import-format.md`),
 * or a set of CSV files parsed into the same shape. Rows refer to each other by natural keys:
 * academies by code, people by email, communities by slug, academic years by label.
 */

const required = z.string().trim().min(1, { error: 'must not be empty' });
const optionalText = z.string().trim().optional();

const isoDate = z.iso.date({ error: 'is not a date in the form YYYY-MM-DD' });
const isoDateTime = z.iso.datetime({
  offset: true,
  error: 'is not a date and time with a UTC offset, such as 2026-10-06T15:45:00+01:00',
});
const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'is not a valid email address' }));
const academyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, { error: 'must be letters, digits and hyphens' });
const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be lower-case words joined by hyphens, such as professional-development' });
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(values, { error: `must be one of ${values.join(', ')}` }));

export const serviceAreas = ['finance', 'it', 'hr', 'catering', 'estates'] as const;
export type ServiceArea = (typeof serviceAreas)[number];

export const trustSchema = z
  .object({
    tenantId: required.optional(),
    name: required.optional(),
  })
  .strict();

export const academyRowSchema = z
  .object({
    code: academyCode,
    name: required,
    phase: oneOf(['primary', 'secondary', 'all-through', 'special', 'alternative']).optional(),
  })
  .strict();

export const personRowSchema = z
  .object({
    email,
    displayName: required,
    jobTitle: optionalText,
    /** Academy code; people in the central team have none. */
    academy: academyCode.optional(),
    serviceArea: oneOf(serviceAreas).optional(),
    /** The line manager's email. */
    lineManager: email.optional(),
    entraObjectId: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.guid({ error: 'is not a GUID such as 0f8fad5b-d9cb-469f-a165-70867728950e' }))
      .optional(),
    roles: z.array(oneOf(personRole.enumValues)).default([]),
  })
  .strict();

export const communityRowSchema = z
  .object({
    slug,
    name: required,
    kind: oneOf(communityKind.enumValues).optional(),
    description: optionalText,
    priorities: z.array(required).optional(),
    personSpecification: optionalText,
    teamId: optionalText,
    channelId: optionalText,
  })
  .strict();

export const membershipRowSchema = z
  .object({
    /** Community slug. */
    community: slug,
    /** The member's email. */
    person: email,
    role: oneOf(membershipRole.enumValues).default('member'),
    fromDate: isoDate,
    toDate: isoDate.optional(),
  })
  .strict()
  .superRefine((row, ctx) => {
    if (row.toDate !== undefined && row.toDate < row.fromDate) {
      ctx.addIssue({ code: 'custom', path: ['toDate'], message: `is before the from date ${row.fromDate}` });
    }
  });

export const calendarPeriodSchema = z
  .object({
    kind: oneOf(calendarPeriodKind.enumValues),
    name: required,
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .strict()
  .superRefine((row, ctx) => {
    if (row.endsOn < row.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `is before the start date ${row.startsOn}` });
  });

export const academicYearRowSchema = z
  .object({
    /** Such as `2026/27`. */
    label: z
      .string()
      .trim()
      .regex(/^\d{4}\/\d{2}$/, { error: 'must look like 2026/27' }),
    startsOn: isoDate,
    endsOn: isoDate,
    /** When given, these are the year's periods: stored periods of the year not listed are removed. */
    periods: z.array(calendarPeriodSchema).optional(),
  })
  .strict()
  .superRefine((row, ctx) => {
    if (row.endsOn < row.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `is before the start date ${row.startsOn}` });
    row.periods?.forEach((period, index) => {
      if (period.startsOn < row.startsOn || period.endsOn > row.endsOn) {
        ctx.addIssue({
          code: 'custom',
          path: ['periods', index, 'startsOn'],
          message: `falls outside the academic year ${row.startsOn} to ${row.endsOn}`,
        });
      }
    });
  });

export const meetingRowSchema = z
  .object({
    /** Community slug. */
    community: slug,
    /** Academic year label. */
    academicYear: optionalText,
    title: required,
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    mode: oneOf(meetingMode.enumValues),
    venue: optionalText,
    status: oneOf(meetingStatus.enumValues).default('scheduled'),
    joinUrl: z.url({ error: 'is not a web address' }).optional(),
  })
  .strict()
  .superRefine((row, ctx) => {
    if (Date.parse(row.endsAt) <= Date.parse(row.startsAt)) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `is not after the start time ${row.startsAt}` });
    }
    if (row.mode !== 'online' && !row.venue) {
      ctx.addIssue({ code: 'custom', path: ['venue'], message: `is required for a ${row.mode.replace(/_/g, '-')} meeting` });
    }
  });

/** The sections of a trust data file, each a list of rows (the trust itself is a single object). */
export const sectionSchemas = {
  academies: academyRowSchema,
  people: personRowSchema,
  communities: communityRowSchema,
  memberships: membershipRowSchema,
  academicYears: academicYearRowSchema,
  meetings: meetingRowSchema,
  frameworks: frameworkSchema,
} as const;

export type Section = keyof typeof sectionSchemas;
export const sections = Object.keys(sectionSchemas) as Section[];

/** The whole file in one schema; `validateTrustData` applies it row by row so every problem is found. */
export const trustDataSchema = z
  .object({
    $schema: z.string().optional(),
    trust: trustSchema.optional(),
    academies: z.array(academyRowSchema).default([]),
    people: z.array(personRowSchema).default([]),
    communities: z.array(communityRowSchema).default([]),
    memberships: z.array(membershipRowSchema).default([]),
    academicYears: z.array(academicYearRowSchema).default([]),
    meetings: z.array(meetingRowSchema).default([]),
    frameworks: z.array(frameworkSchema).default([]),
  })
  .strict();

export type TrustData = z.infer<typeof trustDataSchema>;
export type AcademyRow = z.infer<typeof academyRowSchema>;
export type PersonRow = z.infer<typeof personRowSchema>;
export type CommunityRow = z.infer<typeof communityRowSchema>;
export type MembershipRow = z.infer<typeof membershipRowSchema>;
export type AcademicYearRow = z.infer<typeof academicYearRowSchema>;
export type CalendarPeriodRow = z.infer<typeof calendarPeriodSchema>;
export type MeetingRow = z.infer<typeof meetingRowSchema>;

// ---------------------------------------------------------------------------------------------
// Where rows came from, so problems can name a file and a row a person can find.

export type DataOrigin =
  | { kind: 'json'; file: string }
  | { kind: 'csv'; files: Partial<Record<CsvSection, string>> };

/** One thing wrong with the input. `row` counts from 1; for CSV it is the spreadsheet row (the header is row 1). */
export interface ImportProblem {
  file: string;
  row: number | null;
  field: string | null;
  message: string;
}

export function formatProblem(problem: ImportProblem): string {
  return `${problem.file}${problem.row === null ? '' : ` row ${problem.row}`}: ${problem.message}`;
}

/** Names a place in the document (`['people', 11, 'email']`) as a file, row and field for that origin. */
export function locate(origin: DataOrigin, pathInDocument: readonly PropertyKey[]): { file: string; row: number | null; field: string | null } {
  const [section, index, ...rest] = pathInDocument;
  if (origin.kind === 'csv') {
    const csvSection = section as CsvSection;
    const file = origin.files[csvSection] ?? `${String(section)}.csv`;
    const spec = csvFiles.find((candidate) => candidate.section === csvSection);
    const key = typeof index === 'number' ? rest[0] : index;
    const column = spec && typeof key === 'string' ? (columnOf(spec, key) ?? key) : key === undefined ? null : String(key);
    const row = typeof index === 'number' ? index + 2 : csvSection === 'trust' ? 2 : null;
    return { file, row, field: column };
  }
  if (section === undefined) return { file: origin.file, row: null, field: null };
  const file = `${origin.file} ${String(section)}`;
  if (typeof index !== 'number') return { file, row: null, field: index === undefined ? null : String(index) };
  // Rows nested inside a row (a period of an academic year) are named in the field label.
  const field = rest.map((part) => (typeof part === 'number' ? `row ${part + 1}` : String(part))).join(' ');
  return { file, row: index + 1, field: field === '' ? null : field };
}

// ---------------------------------------------------------------------------------------------
// CSV: one file per section, a header row of snake_case column names, lists separated by `;`.

export type CsvSection = 'trust' | 'academies' | 'people' | 'communities' | 'memberships' | 'meetings';

interface CsvColumn {
  column: string;
  field: string;
  list?: boolean;
  required?: boolean;
}

interface CsvFileSpec {
  file: string;
  section: CsvSection;
  columns: CsvColumn[];
}

export const csvFiles: readonly CsvFileSpec[] = [
  {
    file: 'trust.csv',
    section: 'trust',
    columns: [
      { column: 'tenant_id', field: 'tenantId' },
      { column: 'name', field: 'name', required: true },
    ],
  },
  {
    file: 'academies.csv',
    section: 'academies',
    columns: [
      { column: 'code', field: 'code', required: true },
      { column: 'name', field: 'name', required: true },
      { column: 'phase', field: 'phase' },
    ],
  },
  {
    file: 'people.csv',
    section: 'people',
    columns: [
      { column: 'email', field: 'email', required: true },
      { column: 'display_name', field: 'displayName', required: true },
      { column: 'job_title', field: 'jobTitle' },
      { column: 'academy', field: 'academy' },
      { column: 'service_area', field: 'serviceArea' },
      { column: 'line_manager', field: 'lineManager' },
      { column: 'entra_object_id', field: 'entraObjectId' },
      { column: 'roles', field: 'roles', list: true },
    ],
  },
  {
    file: 'communities.csv',
    section: 'communities',
    columns: [
      { column: 'slug', field: 'slug', required: true },
      { column: 'name', field: 'name', required: true },
      { column: 'kind', field: 'kind' },
      { column: 'description', field: 'description' },
      { column: 'priorities', field: 'priorities', list: true },
      { column: 'person_specification', field: 'personSpecification' },
      { column: 'team_id', field: 'teamId' },
      { column: 'channel_id', field: 'channelId' },
    ],
  },
  {
    file: 'memberships.csv',
    section: 'memberships',
    columns: [
      { column: 'community', field: 'community', required: true },
      { column: 'person', field: 'person', required: true },
      { column: 'role', field: 'role' },
      { column: 'from_date', field: 'fromDate', required: true },
      { column: 'to_date', field: 'toDate' },
    ],
  },
  {
    file: 'meetings.csv',
    section: 'meetings',
    columns: [
      { column: 'community', field: 'community', required: true },
      { column: 'academic_year', field: 'academicYear' },
      { column: 'title', field: 'title', required: true },
      { column: 'starts_at', field: 'startsAt', required: true },
      { column: 'ends_at', field: 'endsAt', required: true },
      { column: 'mode', field: 'mode', required: true },
      { column: 'venue', field: 'venue' },
      { column: 'status', field: 'status' },
      { column: 'join_url', field: 'joinUrl' },
    ],
  },
];

function columnOf(spec: CsvFileSpec, field: string): string | undefined {
  return spec.columns.find((column) => column.field === field)?.column;
}

export interface LoadedTrustData {
  /** The document, not yet validated: give it to `importTrustData` with `origin`. */
  data: unknown;
  origin: DataOrigin;
  /** Problems found while reading (unreadable files, malformed CSV, unknown columns). */
  problems: ImportProblem[];
}

/**
 * Parses CSV texts into a trust data document. Each file is named after its section
 * (`people.csv`); cells are trimmed, empty cells mean "not given", list cells split on `;`.
 */
export function parseTrustCsv(files: { name: string; content: string }[]): LoadedTrustData {
  const document: Record<string, unknown> = {};
  const origin: DataOrigin = { kind: 'csv', files: {} };
  const problems: ImportProblem[] = [];
  for (const { name, content } of files) {
    const spec = csvFiles.find((candidate) => candidate.file === path.basename(name).toLowerCase());
    if (!spec) {
      problems.push({
        file: path.basename(name),
        row: null,
        field: null,
        message: `is not a file this import reads; name CSV files ${csvFiles.map((f) => f.file).join(', ')}`,
      });
      continue;
    }
    const file = path.basename(name);
    origin.files[spec.section] = file;
    let records: string[][];
    try {
      records = parseCsv(content.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: false, trim: true });
    } catch (error) {
      problems.push({ file, row: null, field: null, message: `could not be read as CSV: ${(error as Error).message}` });
      continue;
    }
    const [header, ...body] = records;
    if (!header) {
      problems.push({ file, row: null, field: null, message: 'is empty; it needs a header row' });
      continue;
    }
    const columns = header.map((name) => name.trim().toLowerCase());
    const headerProblems: string[] = [];
    columns.forEach((column) => {
      if (!spec.columns.some((known) => known.column === column)) {
        headerProblems.push(`unknown column "${column}"; the columns are ${spec.columns.map((c) => c.column).join(', ')}`);
      }
    });
    columns.forEach((column, index) => {
      if (columns.indexOf(column) !== index) headerProblems.push(`column "${column}" appears twice`);
    });
    for (const needed of spec.columns.filter((column) => column.required)) {
      if (!columns.includes(needed.column)) headerProblems.push(`missing column "${needed.column}"`);
    }
    if (headerProblems.length > 0) {
      problems.push(...headerProblems.map((message) => ({ file, row: 1, field: null, message })));
      continue;
    }
    const rows = body.map((cells) => {
      const row: Record<string, unknown> = {};
      columns.forEach((column, index) => {
        const definition = spec.columns.find((known) => known.column === column)!;
        const cell = (cells[index] ?? '').trim();
        if (cell === '') return;
        row[definition.field] = definition.list
          ? cell
              .split(';')
              .map((item) => item.trim())
              .filter((item) => item !== '')
          : cell;
      });
      return row;
    });
    if (spec.section === 'trust') {
      if (rows.length !== 1) problems.push({ file, row: null, field: null, message: `must hold exactly one trust row, not ${rows.length}` });
      document.trust = rows[0] ?? {};
    } else {
      document[spec.section] = rows;
    }
  }
  return { data: document, origin, problems };
}

/**
 * Reads trust data from disk: one `.json` file, a folder of CSV files, or a list of CSV files.
 * Never throws for bad input; everything wrong is in `problems`.
 */
export async function readTrustDataFiles(paths: string[]): Promise<LoadedTrustData> {
  const problems: ImportProblem[] = [];
  const csv: { name: string; content: string }[] = [];
  let json: LoadedTrustData | null = null;
  const expanded: string[] = [];
  for (const given of paths) {
    const stat = await fs.stat(given).catch(() => null);
    if (!stat) {
      problems.push({ file: given, row: null, field: null, message: 'does not exist' });
    } else if (stat.isDirectory()) {
      const names = (await fs.readdir(given)).filter((name) => /\.(csv|json)$/i.test(name)).sort();
      if (names.length === 0) problems.push({ file: given, row: null, field: null, message: 'holds no .csv or .json files' });
      expanded.push(...names.map((name) => path.join(given, name)));
    } else {
      expanded.push(given);
    }
  }
  for (const file of expanded) {
    const content = await fs.readFile(file, 'utf8').catch((error: Error) => {
      problems.push({ file: path.basename(file), row: null, field: null, message: `could not be read: ${error.message}` });
      return null;
    });
    if (content === null) continue;
    if (/\.json$/i.test(file)) {
      if (json || expanded.length > 1) {
        problems.push({ file: path.basename(file), row: null, field: null, message: 'import one JSON file on its own, not with other files' });
        continue;
      }
      try {
        json = { data: JSON.parse(content) as unknown, origin: { kind: 'json', file: path.basename(file) }, problems: [] };
      } catch (error) {
        problems.push({ file: path.basename(file), row: null, field: null, message: `is not valid JSON: ${(error as Error).message}` });
      }
    } else if (/\.csv$/i.test(file)) {
      csv.push({ name: file, content });
    } else {
      problems.push({ file: path.basename(file), row: null, field: null, message: 'is neither a .json nor a .csv file' });
    }
  }
  if (json) return { ...json, problems };
  const parsed = parseTrustCsv(csv);
  return { ...parsed, problems: [...problems, ...parsed.problems] };
}
