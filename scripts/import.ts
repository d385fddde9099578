import 'dotenv/config';
import { ConfigError, loadConfig } from '../core/config/config';
import { openDatabase, type Database } from '../core/db/database';
import { formatSummary, importTrustData } from '../core/directory/import-trust';
import { formatProblem, readTrustDataFiles } from '../core/directory/trust-data-format';
import { installDefaultFramework } from '../core/framework/default-framework';
import { version } from '../package.json';

const usage = `Usage: npm run import -- <file.json | folder | file.csv ...> [--dry-run] [--tenant <tenant id>] [--no-default-framework]

Imports trust data (academies, people, communities, memberships, calendar, meetings) into the
database named by DATABASE_URL (or the local PGlite data folder). Every row is checked first;
if anything is wrong, every problem is listed and nothing is written. See docs/import-format.md.

  --dry-run               check the data and report what would change, without writing
  --tenant <id>           the trust's Microsoft 365 tenant id, if the data does not give it
  --no-default-framework  do not add the Exceptional Service Descriptors to the trust`;

interface Arguments {
  paths: string[];
  dryRun: boolean;
  tenantId?: string;
  defaultFramework: boolean;
}

function parseArguments(argv: string[]): Arguments | string {
  const result: Arguments = { paths: [], dryRun: false, defaultFramework: true };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--dry-run') result.dryRun = true;
    else if (arg === '--no-default-framework') result.defaultFramework = false;
    else if (arg === '--tenant') {
      const value = argv[i + 1];
      if (!value || value.startsWith('--')) return '--tenant needs a tenant id';
      result.tenantId = value;
      i += 1;
    } else if (arg === '--help' || arg === '-h') return '';
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else result.paths.push(arg);
  }
  if (result.paths.length === 0) return 'name a JSON file, a folder of CSV files or CSV files to import';
  return result;
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args ? `${args}\n\n` : ''}${usage}\n`);
    return args ? 2 : 0;
  }

  let config;
  try {
    config = loadConfig(process.env, { version, cwd: process.cwd() });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }

  const loaded = await readTrustDataFiles(args.paths);
  if (loaded.problems.length > 0) {
    printProblems(loaded.problems.map(formatProblem));
    return 1;
  }

  let database: Database;
  try {
    database = await openDatabase(config.database);
  } catch (error) {
    process.stderr.write(`Could not open the database (${config.database.kind}): ${describeError(error)}\n`);
    return 1;
  }
  try {
    const result = await importTrustData(database.db, loaded.data, {
      origin: loaded.origin,
      tenantId: args.tenantId,
      dryRun: args.dryRun,
    });
    if (!result.ok) {
      printProblems(result.problems.map(formatProblem));
      return 1;
    }
    const lines = formatSummary(result.summary);
    if (!args.dryRun && args.defaultFramework) {
      const framework = await installDefaultFramework(database.db, result.summary.trust.id);
      lines.push(`default framework (Exceptional Service Descriptors): ${framework.outcome}`);
    }
    const heading = args.dryRun
      ? 'Dry run: the data is valid; nothing was written. Importing it would give:'
      : result.changed
        ? 'Imported.'
        : 'Imported: everything was already up to date.';
    process.stdout.write(`${heading}\n${lines.map((line) => `  ${line}`).join('\n')}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

function printProblems(problems: string[]): void {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  process.stderr.write(`Nothing was imported: the data has ${count}.\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
}

/** The innermost cause says what went wrong (drizzle wraps driver errors in "Failed query"). */
function describeError(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  const inner = current instanceof Error ? current.message || (current as { code?: string }).code || current.name : String(current);
  return inner.split('\n')[0]!;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`The import failed: ${describeError(error)}\n`);
    process.exitCode = 1;
  },
);
