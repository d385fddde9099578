/**
 * Answers by instant: Intl formatting is slow and cards show the same meeting dates turn after
 * turn. Each memory is emptied when full, which keeps it bounded without bookkeeping.
 */
export function rememberedByInstant(format: (at: Date) => string, maxRemembered = 4_096): (at: Date) => string {
  const remembered = new Map<number, string>();
  return (at) => {
    const key = at.getTime();
    const known = remembered.get(key);
    if (known !== undefined) return known;
    const formatted = format(at);
    if (remembered.size >= maxRemembered) remembered.clear();
    remembered.set(key, formatted);
    return formatted;
  };
}
