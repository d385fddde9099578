import { boundedMemo } from '../memo/bounded-memo';

/** Answers by instant: Intl formatting is slow and cards show the same meeting dates turn after turn. */
export function rememberedByInstant(format: (at: Date) => string, maxRemembered = 4_096): (at: Date) => string {
  return boundedMemo(format, (at: Date) => at.getTime(), maxRemembered);
}
