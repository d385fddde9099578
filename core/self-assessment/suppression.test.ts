import fc from 'fast-check';
import { determinedEntries } from '../../tests/support/suppression-audit';
import { entryId, extendedEntries, publishedView, suppressSmallGroups, TOTAL, type CountTable, type TableFilter } from './suppression';

function tableOf(cells: number[][]): CountTable {
  const rows = cells.map((_, i) => `area-${i}`);
  const columns = (cells[0] ?? []).map((_, j) => `academy-${j}`);
  return {
    rows,
    columns,
    count: (row, column) => cells[rows.indexOf(row)]?.[columns.indexOf(column)] ?? 0,
  };
}

/**
 * Everything a reader learns from every view under every filter: for each (row, column) entry,
 * its published size. Views are asked for through the public function, not read off the result.
 */
function everythingPublished(table: CountTable, minimum: number, filters: { by: 'row' | 'column'; filter: TableFilter }[]): Map<string, number | null> {
  const result = suppressSmallGroups(table, minimum);
  const seen = new Map<string, number | null>();
  for (const { by, filter } of filters) {
    for (const group of publishedView(table, result, by, filter)) {
      const id = entryId(group.row, group.column);
      const before = seen.get(id);
      if (before !== undefined && before !== group.respondents) throw new Error(`two views disagree about ${id}`);
      seen.set(id, group.respondents);
    }
  }
  return seen;
}

/** Every filter a person can pick: whole trust, one service area, one academy, or both, by rows or by columns. */
function allFilters(table: CountTable): { by: 'row' | 'column'; filter: TableFilter }[] {
  const filters: { by: 'row' | 'column'; filter: TableFilter }[] = [];
  const rows = [undefined, ...table.rows];
  const columns = [undefined, ...table.columns];
  for (const row of rows) for (const column of columns) for (const by of ['row', 'column'] as const) filters.push({ by, filter: { row, column } });
  return filters;
}

/** What the reader knows, audited independently of how suppression chose (see tests/support/suppression-audit.ts). */
function determinedUnknowns(table: CountTable, published: Map<string, number | null>): string[] {
  return determinedEntries(table.rows, table.columns, published);
}

/**
 * A second table, with no negative count, that publishes exactly the same numbers but differs
 * in `target`: proof that a reader cannot pin the hidden group down. Found by moving one person
 * round a cycle of hidden entries (searched here by plain breadth-first search).
 */
function alternativeTable(cells: number[][], hidden: Set<string>, target: string): number[][] | undefined {
  const table = tableOf(cells);
  const entries = extendedEntries(table);
  const [targetRow, targetColumn] = target.split('\u0000') as [string, string];
  const neighbours = (node: string) =>
    [...hidden]
      .filter((id) => id !== target)
      .map((id) => entries.get(id)!)
      .filter((e) => e.n > 0 && (node === `r:${e.row}` || node === `c:${e.column}`))
      .map((e) => ({ id: entryId(e.row, e.column), next: node.startsWith('r:') ? `c:${e.column}` : `r:${e.row}` }));
  const start = `r:${targetRow}`;
  const goal = `c:${targetColumn}`;
  const came = new Map<string, { from: string; id: string }>();
  const queue = [start];
  const visited = new Set([start]);
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === goal) break;
    for (const { id, next } of neighbours(node)) {
      if (visited.has(next)) continue;
      visited.add(next);
      came.set(next, { from: node, id });
      queue.push(next);
    }
  }
  if (!came.has(goal)) return undefined;
  // Path from column back to row alternates -1, +1...; the target entry takes +1 so the cycle closes.
  const delta = new Map<string, number>([[target, 1]]);
  let sign = -1;
  for (let node = goal; node !== start; ) {
    const step = came.get(node)!;
    delta.set(step.id, sign);
    sign = -sign;
    node = step.from;
  }
  // Margins are stored negated in the extended table, so a +1 there removes a person from the real total.
  const alternative = cells.map((row) => [...row]);
  for (const [id, d] of delta) {
    const [row, column] = id.split('\u0000') as [string, string];
    if (row === TOTAL || column === TOTAL) continue;
    alternative[table.rows.indexOf(row)]![table.columns.indexOf(column)]! += d;
  }
  return alternative;
}

const smallTables = fc
  .record({ rows: fc.integer({ min: 1, max: 6 }), columns: fc.integer({ min: 1, max: 7 }) })
  .chain(({ rows, columns }) =>
    fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 30 })), { minLength: columns, maxLength: columns }), {
      minLength: rows,
      maxLength: rows,
    }),
  );

describe('small-group suppression', () => {
  it('hides a group of two and, with it, the next-smallest group so the total cannot give it away', () => {
    const table = tableOf([[12], [2], [7], [9]]);
    const result = suppressSmallGroups(table, 5);
    const view = publishedView(table, result, 'row');
    expect(view.map((g) => g.respondents)).toEqual([12, null, null, 9, 30]);
  });

  it('never goes below three, whatever is configured', () => {
    const table = tableOf([[2], [10], [10]]);
    expect(suppressSmallGroups(table, 1).minGroupSize).toBe(3);
    expect(suppressSmallGroups(table, 1).isHidden('area-0', TOTAL)).toBe(true);
  });

  it('hides everything when the whole population is below the minimum', () => {
    const table = tableOf([[1, 2]]);
    const view = publishedView(table, suppressSmallGroups(table, 5), 'column');
    expect(view.every((g) => g.respondents === null)).toBe(true);
  });

  it('shows every published group as empty or at least the minimum, in every view and filter', () => {
    fc.assert(
      fc.property(smallTables, fc.integer({ min: 3, max: 10 }), (cells, minimum) => {
        const table = tableOf(cells);
        const published = everythingPublished(table, minimum, allFilters(table));
        for (const size of published.values()) if (size !== null) expect(size === 0 || size >= minimum).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('lets no hidden group be worked out by adding and subtracting what any combination of filters shows', () => {
    fc.assert(
      fc.property(smallTables, fc.integer({ min: 3, max: 10 }), (cells, minimum) => {
        const table = tableOf(cells);
        const published = everythingPublished(table, minimum, allFilters(table));
        expect(determinedUnknowns(table, published)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('leaves another table of non-negative counts that publishes the same numbers for every hidden group', () => {
    fc.assert(
      fc.property(smallTables, fc.integer({ min: 3, max: 10 }), (cells, minimum) => {
        const table = tableOf(cells);
        const result = suppressSmallGroups(table, minimum);
        const published = everythingPublished(table, minimum, allFilters(table));
        for (const id of result.hidden) {
          const alternative = alternativeTable(cells, new Set(result.hidden), id);
          expect(alternative).toBeDefined();
          expect(alternative!.flat().every((n) => n >= 0)).toBe(true);
          const other = tableOf(alternative!);
          const otherEntries = extendedEntries(other);
          for (const [entry, size] of published) if (size !== null) expect(otherEntries.get(entry)!.n).toBe(size);
          expect(otherEntries.get(id)!.n).not.toBe(extendedEntries(table).get(id)!.n);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('has an audit that catches hiding the small group alone', () => {
    const table = tableOf([[12], [2], [7], [9]]);
    const published = new Map<string, number | null>([...extendedEntries(table)].map(([id, e]) => [id, e.n]));
    published.set(entryId('area-1', 'academy-0'), null);
    published.set(entryId('area-1', TOTAL), null);
    expect(determinedUnknowns(table, published).sort()).toEqual([entryId('area-1', 'academy-0'), entryId('area-1', TOTAL)].sort());
  });

  it('hides only what some small group needs: a table with no small group shows everything', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 5, max: 40 })), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (cells) => {
        expect(suppressSmallGroups(tableOf(cells), 5).hidden.size).toBe(0);
      }),
    );
  });
});
