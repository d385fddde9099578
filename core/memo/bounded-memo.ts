/**
 * Remembers `compute`'s answers by key. The memory is emptied when full, which keeps it bounded
 * without bookkeeping; callers choose it for answers that repeat turn after turn.
 */
export function boundedMemo<A, V, K = A>(compute: (input: A) => V, keyOf: (input: A) => K, maxRemembered: number): (input: A) => V {
  const remembered = new Map<K, V>();
  return (input) => {
    const key = keyOf(input);
    const known = remembered.get(key);
    if (known !== undefined) return known;
    const value = compute(input);
    if (remembered.size >= maxRemembered) remembered.clear();
    remembered.set(key, value);
    return value;
  };
}
