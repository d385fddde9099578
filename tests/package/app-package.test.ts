import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCommandRegistry } from '../../bot/commands/command-registry';
import { projectPath } from '../../core/project-path';
import { buildAppPackage } from '../../scripts/package-build';
import { drawColourIcon, drawOutlineIcon } from '../../scripts/package-draw-icons';
import type { ManifestJson } from '../../scripts/package-manifest';
import { decodePng, encodePng } from '../../scripts/package-png';
import { validateAppPackage } from '../../scripts/package-validate';
import { readZip } from '../../scripts/package-zip';

const commands = createCommandRegistry().commands;
const icons = {
  'color.png': fs.readFileSync(projectPath('appPackage', 'color.png')),
  'outline.png': fs.readFileSync(projectPath('appPackage', 'outline.png')),
};

/** A copy of appPackage/ and env/ to break things in, so the real ones stay untouched. */
function workspace(): { appPackageDir: string; envDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'app-package-'));
  fs.cpSync(projectPath('appPackage'), path.join(root, 'appPackage'), { recursive: true, filter: (source) => !source.includes(`${path.sep}build`) });
  fs.cpSync(projectPath('env'), path.join(root, 'env'), { recursive: true });
  return { appPackageDir: path.join(root, 'appPackage'), envDir: path.join(root, 'env') };
}

async function buildLocal(dirs = workspace()) {
  return buildAppPackage({ env: 'local', ...dirs, commands, appVersion: '1.2.3' });
}

async function goodManifest(): Promise<ManifestJson> {
  const result = await buildLocal();
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.manifest;
}

describe('the Teams app package', () => {
  it('builds appPackage.local.zip holding the filled manifest and both icons', async () => {
    const result = await buildLocal();
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(path.basename(result.zipPath)).toBe('appPackage.local.zip');
    const entries = readZip(fs.readFileSync(result.zipPath));
    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const manifest = JSON.parse(entries[0]!.data.toString('utf8')) as ManifestJson;
    expect(manifest).toEqual(result.manifest);
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.id).toBe('6f1c2a0e-4b7d-4c39-9a51-0d2e8f3b7c11');
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(entries[1]!.data.equals(icons['color.png'])).toBe(true);
  });

  it('is on the newest Teams schema that @microsoft/app-manifest bundles', async () => {
    const bundled = fs
      .readdirSync(path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams'))
      .filter((name) => /^v1\.\d+$/.test(name))
      .map((name) => Number(name.split('.')[1]));
    const manifest = await goodManifest();
    expect(manifest.manifestVersion).toBe(`1.${Math.max(...bundled)}`);
  });

  it('lists every bot command from the command registry for each of the bot\'s scopes', async () => {
    const manifest = await goodManifest();
    const bot = (manifest.bots as Record<string, unknown>[])[0]!;
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const expected = commands.map((c) => ({ title: c.triggers[0], description: c.description }));
    expect(bot.commandLists).toEqual(['personal', 'team', 'groupChat'].map((scope) => ({ scopes: [scope], commands: expected })));
    expect(expected.map((c) => c.title)).toContain('my communities');
  });

  it('has the personal tabs, the configurable tab for channels and meetings, SSO and the meeting RSC permissions', async () => {
    const manifest = await goodManifest();
    const staticTabs = manifest.staticTabs as Record<string, unknown>[];
    expect(staticTabs.filter((t) => t.contentUrl).map((t) => t.contentUrl)).toEqual([
      'https://localhost:3978/tab/#/',
      'https://localhost:3978/tab/#/feedback',
      'https://localhost:3978/tab/#/self-assessment',
      'https://localhost:3978/tab/#/schedule',
    ]);
    expect(manifest.configurableTabs).toEqual([
      expect.objectContaining({
        configurationUrl: 'https://localhost:3978/tab/#/configure',
        scopes: ['team', 'groupChat'],
        context: ['channelTab', 'privateChatTab', 'meetingChatTab', 'meetingSidePanel', 'meetingDetailsTab'],
      }),
    ]);
    expect(manifest.webApplicationInfo).toEqual({ id: '2b9e7d4a-1c35-4f68-8e02-7a6b5c4d3e21', resource: 'api://localhost:3978/2b9e7d4a-1c35-4f68-8e02-7a6b5c4d3e21' });
    expect(manifest.authorization).toEqual({
      permissions: {
        resourceSpecific: [
          { name: 'OnlineMeeting.ReadBasic.Chat', type: 'Application' },
          { name: 'ChannelMeeting.ReadBasic.Group', type: 'Application' },
        ],
      },
    });
    expect(manifest.validDomains).toEqual(['localhost:3978']);
  });

  it('ships the icons its drawing script draws: 192x192 colour and a 32x32 white outline on transparent', () => {
    expect(encodePng(drawColourIcon()).equals(icons['color.png'])).toBe(true);
    expect(encodePng(drawOutlineIcon()).equals(icons['outline.png'])).toBe(true);
    const outline = decodePng(icons['outline.png']);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const colour = decodePng(icons['color.png']);
    expect([colour.width, colour.height]).toEqual([192, 192]);
  });
});

describe('validating the package', () => {
  it('rejects a property the official schema does not allow, naming it', async () => {
    const manifest = { ...(await goodManifest()), botz: [] };
    const problems = validateAppPackage(manifest, icons);
    expect(problems).toEqual([expect.stringMatching(/^schema: .*must NOT have additional properties.*"additionalProperty":"botz"/)]);
  });

  it('rejects a short name longer than Teams allows, by the schema', async () => {
    const good = await goodManifest();
    const manifest = { ...good, name: { short: 'Trust Communities for every academy', full: 'x' } };
    expect(validateAppPackage(manifest, icons)).toEqual([expect.stringMatching(/^schema: \/name\/short must NOT have more than 30 characters/)]);
  });

  it('rejects an outline icon that is not white on transparent, and a colour icon of the wrong size', async () => {
    const red = { width: 32, height: 32, pixels: new Uint8Array(32 * 32 * 4).fill(255) };
    for (let i = 0; i < red.pixels.length; i += 4) red.pixels[i + 1] = 0;
    const problems = validateAppPackage(await goodManifest(), { 'color.png': icons['outline.png'], 'outline.png': encodePng(red) });
    expect(problems).toEqual([
      'color.png is 32x32; the color icon must be 192x192 pixels',
      'outline.png has no transparent pixels; the outline icon must be white on a transparent background',
      'outline.png has 1024 visible pixels that are not white; the outline icon must be white (#FFFFFF) only',
    ]);
  });

  it('rejects a tab address outside validDomains and an SSO resource on another domain', async () => {
    const good = await goodManifest();
    const problems = validateAppPackage({ ...good, validDomains: ['*.aspire.example'] }, icons);
    expect(problems).toContain('staticTabs[0].contentUrl is on localhost:3978, which validDomains does not list');
    expect(problems).toContain('configurableTabs[0].configurationUrl is on localhost:3978, which validDomains does not list');
    expect(problems).toContain('webApplicationInfo.resource is on localhost:3978, which validDomains does not list; Teams SSO needs the two to match');
  });

  it('refuses to build when an environment value is missing, naming the value and the file', async () => {
    const dirs = workspace();
    const envFile = path.join(dirs.envDir, '.env.local');
    fs.writeFileSync(envFile, fs.readFileSync(envFile, 'utf8').replace(/^BOT_ID=.*$/m, 'BOT_ID='));
    const result = await buildLocal(dirs);
    expect(result).toEqual({ ok: false, problems: [expect.stringMatching(/^BOT_ID has no value in .*\.env\.local$/)] });
    expect(fs.existsSync(path.join(dirs.appPackageDir, 'build', 'appPackage.local.zip'))).toBe(false);
  });

  it('refuses an environment value that is not a GUID where Teams needs one', async () => {
    const dirs = workspace();
    const envFile = path.join(dirs.envDir, '.env.local');
    fs.writeFileSync(envFile, fs.readFileSync(envFile, 'utf8').replace(/^TEAMS_APP_ID=.*$/m, 'TEAMS_APP_ID=trust-communities'));
    const result = await buildLocal(dirs);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toContain('id (the Teams app id) must be a GUID (found "trust-communities")');
  });

  it('refuses a $schema that the bundled schemas do not cover instead of fetching it', async () => {
    const manifest = { ...(await goodManifest()), $schema: 'https://developer.microsoft.com/json-schemas/teams/v1.99/MicrosoftTeams.schema.json' };
    expect(validateAppPackage(manifest, icons)).toEqual([expect.stringContaining('names v1.99, which @microsoft/app-manifest does not bundle')]);
  });
});
