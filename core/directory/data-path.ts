import { projectPath } from '../project-path';

/** A file in the shipped `data/` folder (demo trust, default framework). */
export function dataPath(...segments: string[]): string {
  return projectPath('data', ...segments);
}
