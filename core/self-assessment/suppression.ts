/**
 * Small-group suppression for a two-way table of respondent counts (service area x academy)
 * published with its row totals, column totals and grand total, through any filter.
 *
 * Why a graph: add the totals to the table as an extra row and column, negated, and every row
 * and every column of that extended table sums to zero. Each published number is one entry;
 * each hidden entry is an edge between its row and its column in a bipartite graph. A hidden
 * entry can be worked out by adding and subtracting published ones exactly when its edge is a
 * bridge of the hidden-entry graph (on no cycle). When every hidden entry lies on a cycle of
 * hidden, non-empty entries, moving one person round the cycle gives another table with the
 * same published numbers and no negative count, so no hidden group is pinned down, even with
 * the knowledge that counts are never negative.
 *
 * So: hide every group of 1 to (minimum - 1) people (primary suppression), then, while any
 * hidden entry is a bridge, hide the cheapest path of further non-empty entries that puts it on
 * a cycle (complementary suppression), preferring fewer and smaller groups. Empty groups are
 * shown as 0: they describe nobody.
 */

/** The key of a row or column: a service area, an academy, or `total` for the margin. */
export const TOTAL = '__total__';

export interface CountTable {
  rows: readonly string[];
  columns: readonly string[];
  /** Respondents per (row, column); missing pairs are 0. */
  count(row: string, column: string): number;
}

export interface EntryKey {
  row: string;
  column: string;
}

export interface SuppressionResult {
  minGroupSize: number;
  /** Hidden entries, as `row\u0000column`; a row or column key of `TOTAL` marks a margin. */
  hidden: ReadonlySet<string>;
  /** Entries hidden because they are small themselves (the rest are complementary). */
  primary: ReadonlySet<string>;
  isHidden(row: string, column: string): boolean;
  /** Respondents of an entry (a margin when `row` or `column` is `TOTAL`). */
  size(row: string, column: string): number;
}

/** The smallest minimum the product allows, whatever is configured. */
export const LOWEST_MIN_GROUP_SIZE = 3;

export const entryId = (row: string, column: string): string => `${row}\u0000${column}`;

/** The extended table's entries with their counts: cells, row totals, column totals and the grand total. */
export function extendedEntries(table: CountTable): Map<string, { row: string; column: string; n: number }> {
  const entries = new Map<string, { row: string; column: string; n: number }>();
  let grand = 0;
  const columnTotals = new Map<string, number>(table.columns.map((c) => [c, 0]));
  for (const row of table.rows) {
    let rowTotal = 0;
    for (const column of table.columns) {
      const n = table.count(row, column);
      entries.set(entryId(row, column), { row, column, n });
      rowTotal += n;
      columnTotals.set(column, (columnTotals.get(column) ?? 0) + n);
    }
    entries.set(entryId(row, TOTAL), { row, column: TOTAL, n: rowTotal });
    grand += rowTotal;
  }
  for (const column of table.columns) entries.set(entryId(TOTAL, column), { row: TOTAL, column, n: columnTotals.get(column) ?? 0 });
  entries.set(entryId(TOTAL, TOTAL), { row: TOTAL, column: TOTAL, n: grand });
  return entries;
}

/** Decides which entries of the table (cells and margins) are hidden for a minimum group size. */
export function suppressSmallGroups(table: CountTable, minGroupSize: number): SuppressionResult {
  const minimum = Math.max(LOWEST_MIN_GROUP_SIZE, Math.floor(minGroupSize));
  const entries = extendedEntries(table);
  const primary = new Set<string>();
  for (const [id, entry] of entries) if (entry.n > 0 && entry.n < minimum) primary.add(id);
  const hidden = new Set(primary);

  for (;;) {
    const bridge = findBridge(entries, hidden);
    if (!bridge) break;
    const path = cheapestCompletingPath(entries, hidden, bridge);
    if (path) {
      for (const id of path) hidden.add(id);
    } else {
      // Nothing non-empty can cover this entry: hide every non-empty entry rather than publish a derivable one.
      for (const [id, entry] of entries) if (entry.n > 0) hidden.add(id);
      break;
    }
  }

  return {
    minGroupSize: minimum,
    hidden,
    primary,
    isHidden: (row, column) => hidden.has(entryId(row, column)),
    size: (row, column) => entries.get(entryId(row, column))?.n ?? 0,
  };
}

const rowNode = (row: string) => `r:${row}`;
const columnNode = (column: string) => `c:${column}`;

/** A hidden entry on no cycle of hidden entries, or undefined when there is none. */
function findBridge(entries: Map<string, EntryKey & { n: number }>, hidden: Set<string>): string | undefined {
  const adjacency = new Map<string, { node: string; id: string }[]>();
  const link = (a: string, b: string, id: string) => {
    if (!adjacency.has(a)) adjacency.set(a, []);
    adjacency.get(a)!.push({ node: b, id });
  };
  for (const id of hidden) {
    const entry = entries.get(id)!;
    link(rowNode(entry.row), columnNode(entry.column), id);
    link(columnNode(entry.column), rowNode(entry.row), id);
  }
  // Tarjan's bridge finding, iterative so large tables cannot overflow the stack.
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  let counter = 0;
  const bridges: string[] = [];
  for (const start of adjacency.keys()) {
    if (order.has(start)) continue;
    const stack: { node: string; viaEdge: string | null; next: number }[] = [{ node: start, viaEdge: null, next: 0 }];
    order.set(start, counter);
    low.set(start, counter++);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const neighbours = adjacency.get(frame.node)!;
      if (frame.next < neighbours.length) {
        const { node, id } = neighbours[frame.next++]!;
        if (id === frame.viaEdge) continue;
        if (order.has(node)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, order.get(node)!));
        } else {
          order.set(node, counter);
          low.set(node, counter++);
          stack.push({ node, viaEdge: id, next: 0 });
        }
      } else {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) {
          low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
          if (low.get(frame.node)! > order.get(parent.node)!) bridges.push(frame.viaEdge!);
        }
      }
    }
  }
  // Smallest group first, so complements grow around the most sensitive entries.
  return bridges.sort((a, b) => entries.get(a)!.n - entries.get(b)!.n || a.localeCompare(b))[0];
}

/**
 * The entries to hide so that `bridgeId` lies on a cycle: a shortest path between its row and
 * column avoiding the entry itself, where already-hidden entries are free and a new one costs
 * one plus a fraction for its size (fewest new groups first, then the smallest).
 */
function cheapestCompletingPath(entries: Map<string, EntryKey & { n: number }>, hidden: Set<string>, bridgeId: string): string[] | undefined {
  const bridge = entries.get(bridgeId)!;
  const total = entries.get(entryId(TOTAL, TOTAL))!.n + 1;
  const adjacency = new Map<string, { node: string; id: string; cost: number }[]>();
  const link = (a: string, b: string, id: string, cost: number) => {
    if (!adjacency.has(a)) adjacency.set(a, []);
    adjacency.get(a)!.push({ node: b, id, cost });
  };
  for (const [id, entry] of entries) {
    if (id === bridgeId) continue;
    // An empty entry on the cycle would let a reader bound its neighbours: only non-empty ones serve.
    if (entry.n === 0) continue;
    const cost = hidden.has(id) ? 0 : 1 + entry.n / total;
    link(rowNode(entry.row), columnNode(entry.column), id, cost);
    link(columnNode(entry.column), rowNode(entry.row), id, cost);
  }
  const source = rowNode(bridge.row);
  const target = columnNode(bridge.column);
  const distance = new Map<string, number>([[source, 0]]);
  const previous = new Map<string, { node: string; id: string }>();
  const done = new Set<string>();
  for (;;) {
    let current: string | undefined;
    let best = Infinity;
    for (const [node, d] of distance) if (!done.has(node) && d < best) [current, best] = [node, d];
    if (current === undefined) return undefined;
    if (current === target) break;
    done.add(current);
    for (const edge of adjacency.get(current) ?? []) {
      const candidate = best + edge.cost;
      if (candidate < (distance.get(edge.node) ?? Infinity)) {
        distance.set(edge.node, candidate);
        previous.set(edge.node, { node: current, id: edge.id });
      }
    }
  }
  const path: string[] = [];
  for (let node = target; node !== source; ) {
    const step = previous.get(node)!;
    path.push(step.id);
    node = step.node;
  }
  return path;
}

/** A filter over the table: one row, one column, or neither (whole trust). */
export interface TableFilter {
  row?: string;
  column?: string;
}

/** What a view of the table publishes: each group's size, or null where hidden. */
export interface PublishedGroup {
  row: string;
  column: string;
  respondents: number | null;
}

/**
 * The groups a view shows, broken down by rows or columns under a filter, with its total.
 * Every view reads the same suppression decision, so combining views reveals nothing more.
 */
export function publishedView(table: CountTable, result: SuppressionResult, by: 'row' | 'column', filter: TableFilter = {}): PublishedGroup[] {
  const show = (row: string, column: string): PublishedGroup => ({
    row,
    column,
    respondents: result.isHidden(row, column) ? null : result.size(row, column),
  });
  if (by === 'row') {
    const column = filter.column ?? TOTAL;
    const rows = filter.row ? [filter.row] : table.rows;
    return [...rows.map((row) => show(row, column)), show(TOTAL, column)];
  }
  const row = filter.row ?? TOTAL;
  const columns = filter.column ? [filter.column] : table.columns;
  return [...columns.map((column) => show(row, column)), show(row, TOTAL)];
}
