import type { z } from 'zod';
import type { FrameworkDefinition } from '../framework/framework-format';
import {
  locate,
  sectionSchemas,
  sections,
  trustSchema,
  type AcademicYearRow,
  type AcademyRow,
  type CommunityRow,
  type DataOrigin,
  type ImportProblem,
  type MeetingRow,
  type MembershipRow,
  type PersonRow,
  type Section,
} from './trust-data-format';

/** What the database already holds for the trust, so rows may refer to it without repeating it. */
export interface ExistingKeys {
  academyCodes: ReadonlySet<string>;
  emails: ReadonlySet<string>;
  /** Entra object id to the (lower-case) email of the person who has it. */
  entraOwners: ReadonlyMap<string, string>;
  communitySlugs: ReadonlySet<string>;
  academicYearLabels: ReadonlySet<string>;
}

export const noExistingKeys: ExistingKeys = {
  academyCodes: new Set(),
  emails: new Set(),
  entraOwners: new Map(),
  communitySlugs: new Set(),
  academicYearLabels: new Set(),
};

/** A row that passed its schema, with its index in its section. */
export interface Indexed<T> {
  index: number;
  row: T;
}

export interface ValidTrustData {
  trust: { tenantId?: string; name?: string };
  academies: Indexed<AcademyRow>[];
  people: Indexed<PersonRow>[];
  communities: Indexed<CommunityRow>[];
  memberships: Indexed<MembershipRow>[];
  academicYears: Indexed<AcademicYearRow>[];
  meetings: Indexed<MeetingRow>[];
  frameworks: Indexed<FrameworkDefinition>[];
}

export type ValidationResult = { ok: true; data: ValidTrustData } | { ok: false; problems: ImportProblem[] };

const topLevelKeys = new Set<string>(['$schema', 'trust', ...sections]);

/**
 * Checks every row of a trust data document against its schema and every reference between rows
 * (and to what `existing` holds), collecting all problems rather than stopping at the first.
 */
export function validateTrustData(document: unknown, origin: DataOrigin, existing: ExistingKeys = noExistingKeys): ValidationResult {
  const problems: ImportProblem[] = [];
  const wholeFile = origin.kind === 'json' ? origin.file : 'CSV files';
  if (!isRecord(document)) {
    return { ok: false, problems: [{ file: wholeFile, row: null, field: null, message: 'must be a JSON object with sections such as "people"' }] };
  }
  for (const key of Object.keys(document)) {
    if (!topLevelKeys.has(key)) {
      problems.push({ file: wholeFile, row: null, field: key, message: `unknown section "${key}"; the sections are trust, ${sections.join(', ')}` });
    }
  }

  let trust: ValidTrustData['trust'] = {};
  if (document.trust !== undefined) {
    const parsed = trustSchema.safeParse(withoutNulls(document.trust), { error: describeIssue });
    if (parsed.success) trust = parsed.data;
    else problems.push(...issuesToProblems(parsed.error.issues, document.trust, origin, ['trust']));
  }

  const raw: Partial<Record<Section, unknown[]>> = {};
  const valid: Record<Section, Indexed<unknown>[]> = {
    academies: [],
    people: [],
    communities: [],
    memberships: [],
    academicYears: [],
    meetings: [],
    frameworks: [],
  };
  for (const section of sections) {
    const value = document[section];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) {
      problems.push({ ...locate(origin, [section]), message: `${section} must be a list of rows` });
      continue;
    }
    raw[section] = value;
    const schema: z.ZodType = sectionSchemas[section];
    value.forEach((row, index) => {
      const input = withoutNulls(row);
      const parsed = schema.safeParse(input, { error: describeIssue });
      if (parsed.success) valid[section].push({ index, row: parsed.data });
      else problems.push(...issuesToProblems(parsed.error.issues, input, origin, [section, index]));
    });
  }

  const data = valid as unknown as Omit<ValidTrustData, 'trust'>;
  problems.push(...checkReferences(data, raw, origin, existing));
  problems.sort(byPlace);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, data: { trust, ...data } };
}

function checkReferences(
  data: Omit<ValidTrustData, 'trust'>,
  raw: Partial<Record<Section, unknown[]>>,
  origin: DataOrigin,
  existing: ExistingKeys,
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const problem = (section: Section, index: number, field: string, message: string) => {
    const place = locate(origin, [section, index, field]);
    problems.push({ ...place, message: `${place.field ?? field} ${message}` });
  };

  // Keys from every row, valid or not, so one bad row does not make its references look unknown.
  const rawKeys = (section: Section, field: string, normalise: (value: string) => string) =>
    new Set(
      (raw[section] ?? [])
        .map((row) => (isRecord(row) && typeof row[field] === 'string' ? normalise(row[field]) : undefined))
        .filter((value): value is string => value !== undefined),
    );
  const academyCodes = union(existing.academyCodes, rawKeys('academies', 'code', (v) => v.trim().toUpperCase()));
  const emails = union(existing.emails, rawKeys('people', 'email', (v) => v.trim().toLowerCase()));
  const slugs = union(existing.communitySlugs, rawKeys('communities', 'slug', (v) => v.trim().toLowerCase()));
  const yearLabels = union(existing.academicYearLabels, rawKeys('academicYears', 'label', (v) => v.trim()));

  const firstRowOf = new Map<string, number>();
  const duplicate = (section: Section, index: number, field: string, key: string, shown: string) => {
    const seen = firstRowOf.get(`${section}|${key}`);
    if (seen !== undefined) {
      const at = locate(origin, [section, seen]).row;
      problem(section, index, field, `${shown} is already used in row ${at}`);
      return true;
    }
    firstRowOf.set(`${section}|${key}`, index);
    return false;
  };

  for (const { index, row } of data.academies) duplicate('academies', index, 'code', row.code, `"${row.code}"`);

  const entraInFile = new Map<string, string>();
  for (const { index, row } of data.people) {
    duplicate('people', index, 'email', row.email, `"${row.email}"`);
    if (row.academy !== undefined && !academyCodes.has(row.academy)) {
      problem('people', index, 'academy', `"${row.academy}" is not a known academy code`);
    }
    if (row.lineManager !== undefined) {
      if (row.lineManager === row.email) problem('people', index, 'lineManager', `"${row.lineManager}" is the person themselves`);
      else if (!emails.has(row.lineManager)) problem('people', index, 'lineManager', `"${row.lineManager}" is not the email of anyone in the trust`);
    }
    if (row.entraObjectId !== undefined) {
      if (!duplicate('people', index, 'entraObjectId', `entra|${row.entraObjectId}`, `"${row.entraObjectId}"`)) {
        entraInFile.set(row.entraObjectId, row.email);
        const owner = existing.entraOwners.get(row.entraObjectId);
        if (owner !== undefined && owner !== row.email) {
          problem('people', index, 'entraObjectId', `"${row.entraObjectId}" already belongs to ${owner}`);
        }
      }
    }
    if (row.roles.includes('pd_lead') && row.academy === undefined) {
      problem('people', index, 'roles', 'include pd_lead, which needs the person\'s academy to be given');
    }
  }

  for (const { index, row } of data.communities) duplicate('communities', index, 'slug', row.slug, `"${row.slug}"`);

  for (const { index, row } of data.memberships) {
    if (!slugs.has(row.community)) problem('memberships', index, 'community', `"${row.community}" is not a known community slug`);
    if (!emails.has(row.person)) problem('memberships', index, 'person', `"${row.person}" is not the email of anyone in the trust`);
    duplicate(
      'memberships',
      index,
      'fromDate',
      `${row.community}|${row.person}|${row.fromDate}`,
      `${row.fromDate} for ${row.person} in ${row.community}`,
    );
  }

  for (const { index, row } of data.academicYears) duplicate('academicYears', index, 'label', row.label, `"${row.label}"`);

  for (const { index, row } of data.meetings) {
    if (!slugs.has(row.community)) problem('meetings', index, 'community', `"${row.community}" is not a known community slug`);
    if (row.academicYear !== undefined && !yearLabels.has(row.academicYear)) {
      problem('meetings', index, 'academicYear', `"${row.academicYear}" is not a known academic year`);
    }
    duplicate('meetings', index, 'startsAt', `${row.community}|${Date.parse(row.startsAt)}`, `${row.startsAt} for ${row.community}`);
  }

  for (const { index, row } of data.frameworks) {
    duplicate('frameworks', index, 'version', `${row.key}|${row.version}`, `${row.key} version ${row.version}`);
  }
  return problems;
}

function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  origin: DataOrigin,
  prefix: (string | number)[],
): ImportProblem[] {
  return issues.flatMap((issue) => {
    const relative = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const place = locate(origin, [...prefix, ...relative, key]);
        return { ...place, message: `${place.field ?? key} is not a field of this row` };
      });
    }
    const place = locate(origin, [...prefix, ...relative]);
    const value = valueAt(input, relative);
    if (place.field === null) return [{ ...place, message: `the row ${issue.message}` }];
    const shown = value === undefined ? '' : ` ${JSON.stringify(value)}`;
    return [{ ...place, message: `${place.field}${shown} ${issue.message}` }];
  });
}

/** Messages that read after a field name: `email "x" is not a valid email address`. */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.expected === 'array') return 'must be a list';
      if (issue.expected === 'object') return 'must be an object';
      return `must be a ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    default:
      return undefined;
  }
}

const sectionOrder = ['trust', ...sections];

/** In the order the sections are read (trust, academies, people...), then by row. */
function byPlace(a: ImportProblem, b: ImportProblem): number {
  const rank = (file: string) => {
    const found = sectionOrder.findIndex((section) => file.endsWith(` ${section}`) || file.toLowerCase() === `${section.toLowerCase()}.csv`);
    return found === -1 ? sectionOrder.length : found;
  };
  return rank(a.file) - rank(b.file) || a.file.localeCompare(b.file) || (a.row ?? 0) - (b.row ?? 0);
}

function valueAt(input: unknown, pathInRow: readonly (string | number)[]): unknown {
  let current = input;
  for (const part of pathInRow) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/** JSON `null` means "not given", as an empty CSV cell does. */
function withoutNulls(row: unknown): unknown {
  if (!isRecord(row)) return row;
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function union<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): Set<T> {
  return new Set([...a, ...b]);
}
