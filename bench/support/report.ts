/** Output conventions every benchmark follows: progress lines first, then exactly one JSON line with its figures. */

/** A progress line for the person watching; never JSON, so the last line stays the only one that is. */
export function progress(message: string): void {
  process.stdout.write(`# ${message}\n`);
}

/** Prints the benchmark's figures as the final line of output. Call it once, last. */
export function printFigures(figures: { bench: string } & Record<string, number | string | boolean | null>): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

/** Rounds to a fixed number of decimals so the JSON line stays readable. */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
