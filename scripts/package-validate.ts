import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { decodePng, PngFormatError, type RgbaImage } from './package-png';
import type { ManifestJson } from './package-manifest';

const schemaUrl = /^https:\/\/developer\.microsoft\.com\/(?:en-us\/)?json-schemas\/teams\/(v1\.\d+)\/MicrosoftTeams\.schema\.json$/;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Microsoft's schema for the manifest's `$schema` URL, from the copy bundled in `@microsoft/app-manifest`: never fetched. */
export function bundledSchemaFor(url: unknown): { version: string; schema: object } {
  const match = typeof url === 'string' ? schemaUrl.exec(url) : null;
  if (!match?.[1]) throw new Error(`$schema must be a Teams manifest schema URL such as https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json (found ${JSON.stringify(url)})`);
  const file = path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams', match[1], 'MicrosoftTeams.schema.json');
  if (!fs.existsSync(file)) throw new Error(`$schema names ${match[1]}, which @microsoft/app-manifest does not bundle; use a version it has (see node_modules/@microsoft/app-manifest/build/json-schemas/teams/)`);
  // Microsoft's files contain \a and \v escapes, which JSON does not allow; the package reads them the same way.
  const text = fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return { version: match[1].slice(1), schema: JSON.parse(text) as object };
}

export interface PackageFiles {
  /** File name inside the package to its bytes (icons). */
  readonly [name: string]: Buffer | undefined;
}

/**
 * Everything wrong with a filled-in manifest and its icons, as plain sentences: first the official
 * JSON schema, then the Teams rules the schema cannot express.
 */
export function validateAppPackage(manifest: ManifestJson, files: PackageFiles): string[] {
  let bundled;
  try {
    bundled = bundledSchemaFor(manifest.$schema);
  } catch (error) {
    return [(error as Error).message];
  }
  const problems = schemaProblems(bundled.schema, manifest);
  if (manifest.manifestVersion !== bundled.version) problems.push(`manifestVersion is ${JSON.stringify(manifest.manifestVersion)} but $schema is v${bundled.version}; they must match`);
  problems.push(...unfilledPlaceholders(manifest), ...idProblems(manifest), ...iconProblems(manifest, files), ...domainProblems(manifest));
  return problems;
}

/**
 * Checks the manifest as `AppManifestUtils.validateAgainstSchema` in `@microsoft/app-manifest` does
 * (draft-04, all errors, uri/email/regex formats); calling it directly is not possible under
 * ts-jest because the package requires an ES-module-only dependency.
 */
function schemaProblems(schema: object, manifest: ManifestJson): string[] {
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((error) => `schema: ${error.instancePath || '/'} ${error.message ?? 'is not valid'}. Details: ${JSON.stringify(error.params)}`);
}

function unfilledPlaceholders(manifest: ManifestJson): string[] {
  const left = JSON.stringify(manifest).match(/\$\{\{[^}]*\}\}/g) ?? [];
  return [...new Set(left)].map((text) => `placeholder ${text} was not filled in`);
}

function idProblems(manifest: ManifestJson): string[] {
  const problems: string[] = [];
  const check = (label: string, value: unknown) => {
    if (typeof value !== 'string' || !guid.test(value)) problems.push(`${label} must be a GUID (found ${JSON.stringify(value)})`);
  };
  check('id (the Teams app id)', manifest.id);
  for (const [i, bot] of asArray(manifest.bots).entries()) check(`bots[${i}].botId`, bot.botId);
  const webApp = manifest.webApplicationInfo as Record<string, unknown> | undefined;
  if (webApp) {
    check('webApplicationInfo.id', webApp.id);
    const resource = typeof webApp.resource === 'string' ? webApp.resource : '';
    if (!resource.startsWith('api://')) problems.push(`webApplicationInfo.resource must start with api:// (found ${JSON.stringify(webApp.resource)})`);
    else if (typeof webApp.id === 'string' && !resource.endsWith(`/${webApp.id}`)) problems.push(`webApplicationInfo.resource must end with the app id ${webApp.id}, as Teams SSO expects api://<domain>/<app id>`);
  }
  return problems;
}

function iconProblems(manifest: ManifestJson, files: PackageFiles): string[] {
  const icons = (manifest.icons ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  const load = (role: string, size: number): RgbaImage | undefined => {
    const name = icons[role];
    if (typeof name !== 'string') return undefined;
    const bytes = files[name];
    if (!bytes) {
      problems.push(`icons.${role} names ${name}, which is not in appPackage/`);
      return undefined;
    }
    let image: RgbaImage;
    try {
      image = decodePng(bytes);
    } catch (error) {
      if (error instanceof PngFormatError) {
        problems.push(`${name} ${error.message}`);
        return undefined;
      }
      throw error;
    }
    if (image.width !== size || image.height !== size) problems.push(`${name} is ${image.width}x${image.height}; the ${role} icon must be ${size}x${size} pixels`);
    return image;
  };
  load('color', 192);
  const outline = load('outline', 32);
  if (outline) {
    let transparent = 0;
    let coloured = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const alpha = outline.pixels[i + 3] ?? 0;
      if (alpha === 0) transparent++;
      else if (outline.pixels[i] !== 255 || outline.pixels[i + 1] !== 255 || outline.pixels[i + 2] !== 255) coloured++;
    }
    if (transparent === 0) problems.push(`${String(icons.outline)} has no transparent pixels; the outline icon must be white on a transparent background`);
    if (coloured > 0) problems.push(`${String(icons.outline)} has ${coloured} visible pixels that are not white; the outline icon must be white (#FFFFFF) only`);
  }
  return problems;
}

/** Every address Teams loads must be https on a domain in validDomains (wildcards like `*.example.com` allowed). */
function domainProblems(manifest: ManifestJson): string[] {
  const domains = (Array.isArray(manifest.validDomains) ? manifest.validDomains : []).filter((d): d is string => typeof d === 'string');
  const covered = (host: string) =>
    domains.some((domain) => {
      const pattern = domain.toLowerCase();
      return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;
    });
  const urls: [string, unknown][] = [];
  for (const [i, tab] of asArray(manifest.staticTabs).entries()) urls.push([`staticTabs[${i}].contentUrl`, tab.contentUrl], [`staticTabs[${i}].websiteUrl`, tab.websiteUrl]);
  for (const [i, tab] of asArray(manifest.configurableTabs).entries()) urls.push([`configurableTabs[${i}].configurationUrl`, tab.configurationUrl]);
  const problems: string[] = [];
  for (const [label, value] of urls) {
    if (value === undefined) continue;
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      problems.push(`${label} is not a URL (found ${JSON.stringify(value)})`);
      continue;
    }
    if (url.protocol !== 'https:') problems.push(`${label} must use https (found ${url.href})`);
    if (!covered(url.host.toLowerCase())) problems.push(`${label} is on ${url.host}, which validDomains does not list`);
  }
  const resource = (manifest.webApplicationInfo as Record<string, unknown> | undefined)?.resource;
  if (typeof resource === 'string' && resource.startsWith('api://')) {
    const host = resource.slice('api://'.length).split('/')[0] ?? '';
    if (!covered(host.toLowerCase())) problems.push(`webApplicationInfo.resource is on ${host}, which validDomains does not list; Teams SSO needs the two to match`);
  }
  return problems;
}

function asArray(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value.filter((item) => typeof item === 'object' && item !== null) as Record<string, unknown>[]) : [];
}
