import fs from 'node:fs';
import path from 'node:path';

/**
 * The shipped `data/` folder. From source (tsx, ts-jest) it is two levels up; from a build under
 * `dist/` it is three, because `data/` is not compiled.
 */
export function dataPath(...segments: string[]): string {
  const candidates = [path.resolve(__dirname, '../../data'), path.resolve(__dirname, '../../../data')];
  const root = candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[0]!;
  return path.join(root, ...segments);
}
