import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { academies, assessmentCycles, frameworkDescriptors, frameworks, frameworkScales, type ScaleLevel } from '../db/schema';
import { AppError } from '../errors';
import { defaultScale } from '../framework/framework-format';
import { CENTRAL, NO_AREA } from './group-counts';
import { rowsOf } from './sql-rows';
import { publishedView, suppressSmallGroups, TOTAL, type CountTable } from './suppression';

/** Rows of the protected table are service areas; columns are academies, with the central team as one column. */
export { CENTRAL } from './group-counts';

export type GroupBy = 'service_area' | 'academy';

export interface AggregateQuery {
  trustId: string;
  /** Cycles to report, in the order to show them (the trend runs along them). */
  cycleIds: string[];
  groupBy: GroupBy;
  serviceArea?: string;
  academy?: string;
  minGroupSize: number;
  /** Service areas a line manager may see; undefined for the whole trust. */
  visibleServiceAreas?: readonly string[];
}

export interface GroupResult {
  cycleId: string;
  /** Null when the group is hidden to protect small groups. */
  respondents: number | null;
  /** Per descriptor position: count at each scale level (index 0 is level 1), or null when hidden. */
  distributions: { position: number; counts: number[] | null; mean: number | null }[];
}

export interface AggregateReport {
  minGroupSize: number;
  groupBy: GroupBy;
  scale: ScaleLevel[];
  cycles: { id: string; name: string; opensOn: string }[];
  descriptors: { position: number; title: string }[];
  serviceAreas: string[];
  academies: { key: string; name: string }[];
  groups: { key: string; label: string; isTotal: boolean; results: GroupResult[] }[];
}

interface CycleCounts {
  respondents: Map<string, number>;
  levels: Map<string, number>;
}

const cell = (area: string, academy: string) => `${area}\u0000${academy}`;
const levelKey = (group: string, position: number, level: number) => `${group}\u0000${position}\u0000${level}`;

/**
 * Distributions per descriptor by service area or academy, over cycles, with small groups and
 * their complements hidden. One query reads the chosen cycles' counts (kept at submit time); each
 * cycle's table is protected on its own (different respondents), and every view of it, whatever
 * the filter, reads that one decision.
 */
export async function aggregateReport(db: Db, query: AggregateQuery): Promise<AggregateReport> {
  if (query.cycleIds.length === 0) throw new AppError('no_cycles', 'Choose at least one cycle to report on.', 400);
  const cycles = await db
    .select({ id: assessmentCycles.id, name: assessmentCycles.name, opensOn: assessmentCycles.opensOn, frameworkId: assessmentCycles.frameworkId, key: frameworks.key })
    .from(assessmentCycles)
    .innerJoin(frameworks, eq(frameworks.id, assessmentCycles.frameworkId))
    .where(and(eq(assessmentCycles.trustId, query.trustId), inArray(assessmentCycles.id, query.cycleIds)));
  if (cycles.length !== new Set(query.cycleIds).size) throw new AppError('unknown_cycle', 'One of the chosen cycles is not in this trust.', 404);
  if (new Set(cycles.map((c) => c.key)).size > 1) throw new AppError('mixed_frameworks', 'The chosen cycles use different frameworks; compare cycles of one framework at a time.', 400);
  const ordered = query.cycleIds.map((id) => cycles.find((c) => c.id === id)!);
  const latest = [...ordered].sort((a, b) => a.opensOn.localeCompare(b.opensOn)).at(-1)!;

  const [descriptors, [scaleRow], academyRows, counts] = await Promise.all([
    db.select({ position: frameworkDescriptors.position, title: frameworkDescriptors.title }).from(frameworkDescriptors).where(eq(frameworkDescriptors.frameworkId, latest.frameworkId)).orderBy(asc(frameworkDescriptors.position)),
    db.select().from(frameworkScales).where(eq(frameworkScales.frameworkId, latest.frameworkId)),
    db.select({ id: academies.id, name: academies.name }).from(academies).where(eq(academies.trustId, query.trustId)).orderBy(asc(academies.name)),
    countsByCycle(db, query),
  ]);
  const scale = scaleRow?.levels ?? [...defaultScale];

  const areaSet = new Set<string>();
  const academySet = new Set<string>([CENTRAL, ...academyRows.map((a) => a.id)]);
  for (const c of counts.values()) for (const key of c.respondents.keys()) areaSet.add(key.split('\u0000')[0]!);
  const serviceAreas = [...areaSet].sort();
  const columns = [...academySet];
  const academyName = new Map<string, string>([[CENTRAL, 'Central team'], ...academyRows.map((a) => [a.id, a.name] as [string, string])]);

  const visibleAreas = query.visibleServiceAreas ? new Set(query.visibleServiceAreas.map((a) => a.toLowerCase())) : undefined;
  if (query.serviceArea && visibleAreas && !visibleAreas.has(query.serviceArea.toLowerCase())) {
    throw new AppError('forbidden', 'You can see the service areas of the people you manage only.', 403);
  }
  if (visibleAreas && query.groupBy === 'academy' && !query.serviceArea) {
    // Academies mix every service area: a line manager sees them within one of their own areas.
    if (visibleAreas.size !== 1) throw new AppError('choose_service_area', 'Choose one of your service areas to see it by academy.', 400);
    query = { ...query, serviceArea: [...visibleAreas][0] };
  }

  const groupKeys = new Map<string, { key: string; label: string; isTotal: boolean; results: GroupResult[] }>();
  for (const cycle of ordered) {
    const cycleCounts = counts.get(cycle.id) ?? { respondents: new Map(), levels: new Map() };
    const table: CountTable = { rows: serviceAreas, columns, count: (r, c) => cycleCounts.respondents.get(cell(r, c)) ?? 0 };
    const decision = suppressSmallGroups(table, query.minGroupSize);
    const by = query.groupBy === 'service_area' ? 'row' : 'column';
    const view = publishedView(table, decision, by, { row: query.serviceArea, column: query.academy });
    for (const group of view) {
      const groupKey = by === 'row' ? group.row : group.column;
      const isTotal = groupKey === TOTAL;
      if (!isTotal && by === 'row' && visibleAreas && !visibleAreas.has(groupKey.toLowerCase())) continue;
      const label = isTotal ? totalLabel(query, academyName) : by === 'row' ? areaLabel(groupKey) : academyName.get(groupKey) ?? groupKey;
      if (!groupKeys.has(groupKey)) groupKeys.set(groupKey, { key: isTotal ? 'total' : groupKey, label, isTotal, results: [] });
      groupKeys.get(groupKey)!.results.push({
        cycleId: cycle.id,
        respondents: group.respondents,
        distributions: descriptors.map((d) => {
          if (group.respondents === null || group.respondents === 0) return { position: d.position, counts: group.respondents === 0 ? scale.map(() => 0) : null, mean: null };
          const levelCounts = scale.map((s) => cycleCounts.levels.get(levelKey(groupKey, d.position, s.level)) ?? 0);
          const answered = levelCounts.reduce((a, b) => a + b, 0);
          const mean = answered === 0 ? null : Math.round((levelCounts.reduce((sum, n, i) => sum + n * (i + 1), 0) / answered) * 100) / 100;
          return { position: d.position, counts: levelCounts, mean };
        }),
      });
    }
  }
  return {
    minGroupSize: Math.max(3, query.minGroupSize),
    groupBy: query.groupBy,
    scale,
    cycles: ordered.map(({ id, name, opensOn }) => ({ id, name, opensOn })),
    descriptors,
    serviceAreas: visibleAreas ? serviceAreas.filter((a) => visibleAreas.has(a.toLowerCase())) : serviceAreas,
    academies: columns.map((key) => ({ key, name: academyName.get(key) ?? key })),
    groups: [...groupKeys.values()].sort((a, b) => Number(a.isTotal) - Number(b.isTotal) || a.label.localeCompare(b.label)),
  };
}

const areaLabels: Record<string, string> = { finance: 'Finance', it: 'IT', hr: 'HR', catering: 'Catering', estates: 'Estates', [NO_AREA]: 'No service area' };
export const areaLabel = (area: string): string => areaLabels[area] ?? area.charAt(0).toUpperCase() + area.slice(1);

function totalLabel(query: AggregateQuery, academyName: Map<string, string>): string {
  const parts = [query.serviceArea ? areaLabel(query.serviceArea) : null, query.academy ? academyName.get(query.academy) ?? 'Academy' : null].filter(Boolean);
  return parts.length > 0 ? `All of ${parts.join(', ')}` : 'Whole trust';
}

/**
 * Respondents per (area, academy) cell, for suppression, and answers per (group, descriptor,
 * level) for just the groups the view shows and their total, summed in SQL (grouping sets) so
 * only a few hundred rows travel, whatever the number of cycles.
 */
async function countsByCycle(db: Db, query: AggregateQuery): Promise<Map<string, CycleCounts>> {
  const ids = sql.join(query.cycleIds.map((id) => sql`${id}::uuid`), sql`, `);
  const groupColumn = query.groupBy === 'service_area' ? sql`g.area_key` : sql`g.academy_key`;
  const areaFilter = query.serviceArea ? sql` and g.area_key = ${query.serviceArea.toLowerCase()}` : sql``;
  const academyFilter = query.academy ? sql` and g.academy_key = ${query.academy}` : sql``;
  // The trust check is on the cycles; the counts table is keyed by cycle.
  const [respondents, levels] = await Promise.all([
    db.execute(sql`
      select g.cycle_id, g.area_key, g.academy_key, g.n
        from assessment_group_counts g join assessment_cycles c on c.id = g.cycle_id
       where c.trust_id = ${query.trustId} and g.cycle_id in (${ids}) and g.position = 0`),
    db.execute(sql`
      select g.cycle_id, ${groupColumn} as group_key, g.position, g.level, sum(g.n)::int as n
        from assessment_group_counts g join assessment_cycles c on c.id = g.cycle_id
       where c.trust_id = ${query.trustId} and g.cycle_id in (${ids}) and g.position > 0${areaFilter}${academyFilter}
       group by grouping sets ((g.cycle_id, ${groupColumn}, g.position, g.level), (g.cycle_id, g.position, g.level))`),
  ]);
  const byCycle = new Map<string, CycleCounts>();
  const of = (cycleId: string) => {
    if (!byCycle.has(cycleId)) byCycle.set(cycleId, { respondents: new Map(), levels: new Map() });
    return byCycle.get(cycleId)!;
  };
  for (const r of rowsOf(respondents)) of(String(r.cycle_id)).respondents.set(cell(String(r.area_key), String(r.academy_key)), Number(r.n));
  for (const r of rowsOf(levels)) of(String(r.cycle_id)).levels.set(levelKey(r.group_key === null ? TOTAL : String(r.group_key), Number(r.position), Number(r.level)), Number(r.n));
  return byCycle;
}

/** The report as CSV: one line per cycle, group and descriptor; hidden groups say so instead of showing numbers. */
export function aggregateCsv(report: AggregateReport): string {
  const quote = (v: string | number) => {
    const text = String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const header = ['cycle', report.groupBy === 'service_area' ? 'service area' : 'academy', 'descriptor', 'respondents', ...report.scale.map((s) => `${s.level} ${s.label}`), 'mean level'];
  const lines = [header.map(quote).join(',')];
  const cycleName = new Map(report.cycles.map((c) => [c.id, c.name]));
  for (const group of report.groups) {
    for (const result of group.results) {
      for (const d of result.distributions) {
        const title = report.descriptors.find((x) => x.position === d.position)?.title ?? String(d.position);
        const hidden = `hidden (groups under ${report.minGroupSize})`;
        const values = d.counts === null ? report.scale.map(() => hidden) : d.counts;
        lines.push([cycleName.get(result.cycleId)!, group.label, title, result.respondents ?? hidden, ...values, d.mean ?? ''].map(quote).join(','));
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

