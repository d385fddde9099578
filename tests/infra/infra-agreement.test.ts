import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../core/config/config';
import { projectPath } from '../../core/project-path';

/**
 * No Bicep compiler runs here (CI compiles with `az bicep build`), so this checks by plain text
 * matching that the pieces agree on names: the parameters file and the templates, each module
 * call and the module it calls, the Toolkit project and the env files, and the app settings and
 * what the app's configuration reads.
 */
const read = (...segments: string[]) => fs.readFileSync(projectPath(...segments), 'utf8');

interface BicepParam {
  name: string;
  required: boolean;
  secure: boolean;
}

/** `param name type [= default]` lines, with `@secure()` read from the decorator lines just above. */
function paramsOf(bicep: string): BicepParam[] {
  const lines = bicep.split('\n');
  const params: BicepParam[] = [];
  lines.forEach((line, index) => {
    const match = /^param (\w+) [\w.]+(\s*=.*)?$/.exec(line.trim());
    if (!match?.[1]) return;
    let secure = false;
    for (let above = index - 1; above >= 0 && (lines[above] ?? '').trim().startsWith('@'); above--) {
      if ((lines[above] ?? '').trim() === '@secure()') secure = true;
    }
    params.push({ name: match[1], required: match[2] === undefined, secure });
  });
  return params;
}

const outputsOf = (bicep: string): string[] => [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1] ?? '');

interface ModuleCall {
  symbol: string;
  file: string;
  params: string[];
}

/** `module x 'modules/y.bicep' = { ... params: { key: ... } }`: the keys at the params block's own indent. */
function moduleCallsOf(bicep: string): ModuleCall[] {
  return [...bicep.matchAll(/^module (\w+) '([^']+)' = \{\n([\s\S]*?)^\}/gm)].map((m) => {
    const body = m[3] ?? '';
    const paramsBlock = /^ {2}params: \{\n([\s\S]*?)^ {2}\}/m.exec(body)?.[1] ?? '';
    return { symbol: m[1] ?? '', file: m[2] ?? '', params: [...paramsBlock.matchAll(/^ {4}(\w+):/gm)].map((p) => p[1] ?? '') };
  });
}

const placeholdersIn = (text: string): string[] => [...new Set([...text.matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? ''))];
const envKeysOf = (text: string): string[] => [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] ?? '');

const mainBicep = read('infra', 'main.bicep');
const parametersFile = JSON.parse(read('infra', 'main.parameters.json')) as { parameters: Record<string, { value: unknown }> };
const toolkitProject = read('m365agents.yml');
const mainParams = paramsOf(mainBicep);

describe('the Bicep templates and their parameters file', () => {
  it('gives a value for every parameter main.bicep requires, and only for parameters it declares', () => {
    const given = Object.keys(parametersFile.parameters);
    const declared = mainParams.map((p) => p.name);
    expect(given.filter((name) => !declared.includes(name))).toEqual([]);
    expect(mainParams.filter((p) => p.required && !given.includes(p.name)).map((p) => p.name)).toEqual([]);
  });

  it('takes secrets only from SECRET_ values, into @secure() parameters', () => {
    for (const [name, { value }] of Object.entries(parametersFile.parameters)) {
      const fromSecret = typeof value === 'string' && /\$\{\{SECRET_/.test(value);
      const secure = mainParams.find((p) => p.name === name)?.secure ?? false;
      expect({ name, fromSecret }).toEqual({ name, fromSecret: secure });
    }
  });

  const calls = moduleCallsOf(mainBicep);

  it('calls six modules: identity, monitoring, PostgreSQL, Key Vault, App Service and the Azure Bot', () => {
    expect(calls.map((c) => c.file)).toEqual([
      'modules/identity.bicep',
      'modules/monitoring.bicep',
      'modules/postgres.bicep',
      'modules/key-vault.bicep',
      'modules/app-service.bicep',
      'modules/azure-bot.bicep',
    ]);
  });

  it.each(moduleCallsOf(mainBicep).map((c) => [c.file, c] as const))('passes %s exactly the parameters it declares and requires', (file, call) => {
    const moduleParams = paramsOf(read('infra', file));
    expect(call.params.length).toBeGreaterThan(0);
    expect(call.params.filter((name) => !moduleParams.some((p) => p.name === name))).toEqual([]);
    expect(moduleParams.filter((p) => p.required && !call.params.includes(p.name)).map((p) => p.name)).toEqual([]);
  });

  it('reads only outputs that each module declares', () => {
    const fileOf = new Map(calls.map((c) => [c.symbol, c.file]));
    const used = [...mainBicep.matchAll(/\b(\w+)\.outputs\.(\w+)/g)].map((m) => [m[1] ?? '', m[2] ?? ''] as const);
    expect(used.length).toBeGreaterThan(10);
    for (const [symbol, output] of used) {
      const file = fileOf.get(symbol);
      expect({ symbol, known: file !== undefined }).toEqual({ symbol, known: true });
      expect({ output: `${symbol}.${output}`, declared: outputsOf(read('infra', file ?? '')).includes(output) }).toEqual({ output: `${symbol}.${output}`, declared: true });
    }
  });
});

describe('the Agents Toolkit project and the env files', () => {
  const written = [...toolkitProject.matchAll(/writeToEnvironmentFile:\n((?: {6}\w+: \w+\n)+)/g)].flatMap((m) =>
    [...(m[1] ?? '').matchAll(/: (\w+)\n/g)].map((k) => k[1] ?? ''),
  );
  const bicepOutputs = outputsOf(mainBicep);
  const envDev = envKeysOf(read('env', '.env.dev'));
  const secrets = envKeysOf(read('env', '.env.dev.user.example'));
  const known = new Set([...written, ...bicepOutputs, ...envDev, ...secrets, 'APP_VERSION']);

  it.each([
    ['infra/main.parameters.json'],
    ['appPackage/manifest.json'],
    ['infra/entra/aad.manifest.json'],
    ['m365agents.yml'],
  ])('has a source for every placeholder in %s', (file) => {
    const names = placeholdersIn(read(...file.split('/')));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !known.has(name))).toEqual([]);
  });

  it('deploys with the template and parameters that exist, and writes each provisioned value into the env file', () => {
    for (const file of [...toolkitProject.matchAll(/(?:path|parameters|manifestPath): (\.\/\S+)/g)].map((m) => m[1] ?? '')) {
      expect({ file, exists: fs.existsSync(projectPath(file)) }).toEqual({ file, exists: true });
    }
    expect([...written, ...bicepOutputs].filter((name) => !name.startsWith('SECRET_') && !envDev.includes(name))).toEqual([]);
    expect(written.filter((name) => name.startsWith('SECRET_')).every((name) => secrets.includes(name))).toBe(true);
  });
});

describe('the App Service settings', () => {
  const appService = read('infra', 'modules', 'app-service.bicep');
  const settings = [...appService.matchAll(/\{ name: '(\w+)', value: (.+) \}/g)].map((m) => ({ name: m[1] ?? '', value: m[2] ?? '' }));
  // Read by Azure itself, not by the app.
  const platformSettings = ['SCM_DO_BUILD_DURING_DEPLOYMENT', 'APPLICATIONINSIGHTS_CONNECTION_STRING'];
  const configSource = read('core', 'config', 'config.ts');

  it('are all settings the app reads (core/config/config.ts) or Azure platform settings', () => {
    expect(settings.length).toBeGreaterThan(10);
    const unknown = settings.filter((s) => !platformSettings.includes(s.name) && !new RegExp(`^\\s+${s.name}: `, 'm').test(configSource));
    expect(unknown).toEqual([]);
  });

  it('keep every secret in Key Vault', () => {
    for (const name of ['DATABASE_URL', 'MICROSOFT_APP_PASSWORD', 'GRAPH_CLIENT_SECRET']) {
      expect(settings.find((s) => s.name === name)?.value).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=\$\{\w+\}\)'$/);
    }
  });

  it('are enough for the app to start in production mode', () => {
    // Literal values as written; expressions stand in as an https address (URLs) or a placeholder.
    const env = Object.fromEntries(
      settings.map(({ name, value }) => {
        const literal = /^'([^'$]*)'$/.exec(value)?.[1];
        return [name, literal ?? (value.includes('https://') ? 'https://app.example' : 'set-by-azure')];
      }),
    );
    const config = loadConfig(env, { version: '0.0.0', cwd: path.sep });
    expect(config.mode).toBe('production');
    expect(config.database).toEqual({ kind: 'postgres', url: 'set-by-azure' });
    expect(config.seedDemoData).toBe(false);
    expect(config.sso.clientId).toBe(config.bot.appId);
    expect(config.graph.clientId).toBe(config.bot.appId);
  });

  it('run Node 22 LTS on Linux with /readyz as the health check', () => {
    expect(appService).toContain("linuxFxVersion: 'NODE|22-lts'");
    expect(appService).toContain("healthCheckPath: '/readyz'");
    expect(appService).toContain("appCommandLine: 'node dist/app/main.js'");
  });
});
