import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../bot/commands/command';
import { fillPlaceholders, placeholderNames, readEnvFile, withCommandLists, type ManifestJson } from './package-manifest';
import { validateAppPackage } from './package-validate';
import { writeZip } from './package-zip';

export interface BuildOptions {
  /** `local`, `dev`, `prod`…: reads `env/.env.<env>`. */
  env: string;
  /** Holds `manifest.json` and the icons. */
  appPackageDir: string;
  envDir: string;
  commands: readonly Command[];
  /** Used for `${{APP_VERSION}}` unless the env file sets it. */
  appVersion: string;
  /**
   * Values that win over the env file, as the Agents Toolkit passes the ones it has just
   * provisioned to the commands it runs. Only names the manifest uses are taken from it.
   */
  overrides?: Readonly<Record<string, string | undefined>>;
}

export type BuildResult = { ok: true; zipPath: string; manifest: ManifestJson } | { ok: false; problems: string[] };

/** Fills the manifest for one environment, adds the bot's commands, validates everything and writes the zip. */
export async function buildAppPackage(options: BuildOptions): Promise<BuildResult> {
  if (!/^[a-z0-9-]+$/i.test(options.env)) return { ok: false, problems: [`--env must be a name like local, dev or prod (found ${JSON.stringify(options.env)})`] };
  const envFile = path.join(options.envDir, `.env.${options.env}`);
  let values: Record<string, string>;
  try {
    values = { APP_VERSION: options.appVersion, ...readEnvFile(envFile) };
  } catch (error) {
    return { ok: false, problems: [(error as Error).message] };
  }
  const template = fs.readFileSync(path.join(options.appPackageDir, 'manifest.json'), 'utf8');
  for (const name of placeholderNames(template)) {
    const override = options.overrides?.[name];
    if (override !== undefined && override.trim() !== '') values[name] = override;
  }
  const filled = fillPlaceholders(template, values);
  if (filled.missing.length > 0) {
    return { ok: false, problems: filled.missing.map((name) => `${name} has no value in ${path.relative(process.cwd(), envFile)}`) };
  }
  let manifest: ManifestJson;
  try {
    manifest = withCommandLists(JSON.parse(filled.text) as ManifestJson, options.commands);
  } catch (error) {
    return { ok: false, problems: [`appPackage/manifest.json is not valid JSON after filling in ${options.env} values: ${(error as Error).message}`] };
  }

  const icons = (manifest.icons ?? {}) as Record<string, unknown>;
  const iconNames = [icons.color, icons.outline].filter((name): name is string => typeof name === 'string' && !name.includes('..'));
  const files: Record<string, Buffer> = {};
  for (const name of iconNames) {
    const file = path.join(options.appPackageDir, name);
    if (fs.existsSync(file)) files[name] = fs.readFileSync(file);
  }
  const problems = validateAppPackage(manifest, files);
  if (problems.length > 0) return { ok: false, problems };

  const outDir = path.join(options.appPackageDir, 'build');
  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${options.env}.zip`);
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, `manifest.${options.env}.json`), manifestBytes);
  fs.writeFileSync(zipPath, writeZip([{ name: 'manifest.json', data: manifestBytes }, ...Object.entries(files).map(([name, data]) => ({ name, data }))]));
  return { ok: true, zipPath, manifest };
}
