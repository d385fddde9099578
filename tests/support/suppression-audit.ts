import { entryId, TOTAL } from '../../core/self-assessment/suppression';

/**
 * An audit of published small-group tables, independent of how suppression chose what to hide:
 * with every published entry known and every line of the extended table (cells, row totals,
 * column totals, grand total) summing to zero, an unknown entry is determined exactly when
 * removing its column from the constraint matrix lowers the matrix's rank.
 */
export function determinedEntries(rows: readonly string[], columns: readonly string[], published: ReadonlyMap<string, number | null>): string[] {
  const all = [...rows, TOTAL].flatMap((r) => [...columns, TOTAL].map((c) => entryId(r, c)));
  const unknowns = all.filter((id) => published.get(id) === null || !published.has(id));
  if (unknowns.length === 0) return [];
  const lines: string[][] = [];
  for (const row of [...rows, TOTAL]) lines.push([...columns, TOTAL].map((c) => entryId(row, c)));
  for (const column of [...columns, TOTAL]) lines.push([...rows, TOTAL].map((r) => entryId(r, column)));
  const matrix = lines.map((line) => unknowns.map((u) => (line.includes(u) ? 1 : 0)));
  const full = rank(matrix);
  return unknowns.filter((_, k) => rank(matrix.map((r) => r.filter((__, j) => j !== k))) < full);
}

function rank(input: number[][]): number {
  const m = input.map((r) => [...r]);
  let r = 0;
  const width = m[0]?.length ?? 0;
  for (let c = 0; c < width && r < m.length; c++) {
    let pivot = -1;
    for (let i = r; i < m.length; i++) if (Math.abs(m[i]![c]!) > 1e-9) pivot = i;
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      if (f !== 0) for (let j = c; j < width; j++) m[i]![j]! -= f * m[r]![j]!;
    }
    r++;
  }
  return r;
}
