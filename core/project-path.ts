import fs from 'node:fs';
import path from 'node:path';

/**
 * A path inside the project folder, which holds `data/`, `tab/web/dist/` and the migrations.
 * From source (tsx, ts-jest) `core/` is one level below it; from a build it is `dist/core/`, two.
 */
export function projectPath(...segments: string[]): string {
  const candidates = [path.resolve(__dirname, '..'), path.resolve(__dirname, '../..')];
  const root = candidates.find((candidate) => fs.existsSync(path.join(candidate, 'data'))) ?? candidates[0]!;
  return path.join(root, ...segments);
}
