import path from 'node:path';
import { createCommandRegistry } from '../bot/commands/command-registry';
import { projectPath } from '../core/project-path';
import { version } from '../package.json';
import { buildAppPackage } from './package-build';

/** `npm run package -- --env local|dev|prod`: builds and validates appPackage/build/appPackage.<env>.zip. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = args.indexOf('--env');
  const env = flag >= 0 ? args[flag + 1] : args.find((arg) => arg.startsWith('--env='))?.slice('--env='.length);
  if (!env) {
    process.stderr.write('Usage: npm run package -- --env <local|dev|prod>\n');
    process.exit(2);
  }
  const result = await buildAppPackage({
    env,
    appPackageDir: projectPath('appPackage'),
    envDir: projectPath('env'),
    commands: createCommandRegistry().commands,
    appVersion: version,
    overrides: process.env,
  });
  if (!result.ok) {
    process.stderr.write(`The Teams app package for "${env}" is not valid:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(`Built ${path.relative(process.cwd(), result.zipPath)} (manifest v${String(result.manifest.manifestVersion)}, checked against Microsoft's schema and Teams' rules)\n`);
}

void main();
