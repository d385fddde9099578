import path from 'node:path';
import { z } from 'zod';

/**
 * All configuration, parsed once from the environment by the composition root.
 * Nothing else in the app reads `process.env`.
 */
export type AppMode = 'local' | 'production';

export interface Config {
  mode: AppMode;
  version: string;
  port: number;
  host: string;
  publicBaseUrl: string;
  logLevel: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  /** Load the demo trust when the database holds no trust yet. */
  seedDemoData: boolean;
  timeZone: 'Europe/London';
  jobs: {
    /** How often an idle worker looks for queued work (pg-boss allows 0.5 s at the least). */
    pollingIntervalSeconds: number;
    /** Publish runs one instance works on at once; runs for one lead's mailbox share `$batch` requests. */
    publishConcurrency: number;
  };
  selfAssessment: {
    /** Groups with fewer respondents are hidden in aggregates (with complements); never below 3. */
    minGroupSize: number;
  };
  bot: {
    appId: string;
    appPassword?: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId: string;
    /** Overrides used to rehearse a tenant against local doubles; unset in a real deployment. */
    openIdMetadataUrl?: string;
    tokenIssuer?: string;
    oauthApiEndpoint?: string;
    /** Bot Connector service URL for a first proactive message in a tenant we hold no conversation from yet. */
    serviceUrl: string;
  };
  graph: {
    clientId: string;
    clientSecret?: string;
    baseUrl: string;
    authorityHost: string;
    /**
     * Extra CA (PEM) to trust for the Entra authority: only for rehearsals against a local Entra
     * double with a self-signed certificate, set in-process (a separate process uses NODE_EXTRA_CA_CERTS).
     */
    entraCaCertificate?: string;
  };
  feedback: {
    /** School days without an answer before each reminder (at most two). */
    reminderSchoolDays: number;
    maxReminders: number;
    /** Hours a face-to-face meeting's leads have to confirm the register before every member is asked. */
    registerWaitHours: number;
    /** Feedback cards in flight at once per trust. */
    sendConcurrency: number;
    /** Feedback cards offered to Teams per second per trust (Teams allows 50 per app per tenant). */
    sendRatePerSecond: number;
    /** Tries per card on throttling and outages before it is recorded as failed. */
    maxSendAttempts: number;
  };
  waysOfWorking: {
    /** Minutes after a meeting's scheduled start before the card is posted without a Teams start event. */
    fallbackDelayMinutes: number;
    /** Minutes after a face-to-face meeting's scheduled end before it counts as over (feedback starts). */
    endGraceMinutes: number;
    /** The app's id in the tenant's Teams catalog, for installing into meeting chats; unset: no automatic install. */
    teamsAppCatalogId?: string;
  };
  sso: {
    clientId: string;
    appIdUri?: string;
    allowedTenantIds: string[];
    openIdMetadataUrl?: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is incomplete or invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: optionalText,
  PUBLIC_BASE_URL: optionalText.pipe(z.url().optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optionalText,
  DATA_DIR: optionalText,
  SEED_DEMO_DATA: z.enum(['true', 'false']).optional(),
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  MICROSOFT_APP_TENANT_ID: optionalText,
  BOT_OPENID_METADATA_URL: optionalText,
  BOT_TOKEN_ISSUER: optionalText,
  BOT_OAUTH_API_ENDPOINT: optionalText,
  GRAPH_CLIENT_ID: optionalText,
  GRAPH_CLIENT_SECRET: optionalText,
  GRAPH_BASE_URL: optionalText,
  ENTRA_AUTHORITY_HOST: optionalText,
  SSO_CLIENT_ID: optionalText,
  SSO_APP_ID_URI: optionalText,
  SSO_ALLOWED_TENANT_IDS: optionalText,
  SSO_OPENID_METADATA_URL: optionalText,
  JOB_POLLING_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  PUBLISH_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(20),
  SELF_ASSESSMENT_MIN_GROUP_SIZE: z.coerce.number().int().min(3, { error: 'must be 3 or more: smaller groups would expose individuals' }).max(50).default(5),
  BOT_SERVICE_URL: optionalText.pipe(z.url().optional()),
  WAYS_OF_WORKING_FALLBACK_MINUTES: z.coerce.number().int().min(0).max(120).default(5),
  MEETING_END_GRACE_MINUTES: z.coerce.number().int().min(0).max(240).default(15),
  TEAMS_APP_CATALOG_ID: optionalText,
  FEEDBACK_REMINDER_SCHOOL_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  FEEDBACK_REGISTER_WAIT_HOURS: z.coerce.number().int().min(1).max(336).default(48),
  FEEDBACK_SEND_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(20),
  FEEDBACK_SEND_RATE: z.coerce.number().int().min(1).max(1000).default(50),
});

export function loadConfig(env: Record<string, string | undefined>, options: { version: string; cwd: string }): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production' || e.MICROSOFT_APP_ID !== undefined;
  const mode: AppMode = production ? 'production' : 'local';
  const problems: string[] = [];

  if (mode === 'production') {
    const needs = (name: keyof typeof e, why: string) => {
      if (e[name] === undefined) problems.push(`${name} is required in production (${why})`);
    };
    needs('MICROSOFT_APP_ID', 'the bot\'s Entra app id; bot authentication cannot be off in production');
    needs('MICROSOFT_APP_TENANT_ID', 'the trust\'s Microsoft 365 tenant id');
    if (e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
      needs('MICROSOFT_APP_PASSWORD', 'the bot\'s client secret, or set MICROSOFT_APP_TYPE=UserAssignedMSI');
      needs('GRAPH_CLIENT_SECRET', 'the client secret Graph calls use, or set MICROSOFT_APP_TYPE=UserAssignedMSI');
    }
    needs('GRAPH_CLIENT_ID', 'the Entra app id Graph calls use');
    needs('PUBLIC_BASE_URL', 'the https address Teams loads the tab from');
    if (e.PUBLIC_BASE_URL && !e.PUBLIC_BASE_URL.startsWith('https://') && e.NODE_ENV === 'production' && !e.GRAPH_BASE_URL) {
      problems.push('PUBLIC_BASE_URL must be an https:// address in production');
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const port = e.PORT;
  const host = mode === 'local' ? '127.0.0.1' : (e.HOST ?? '0.0.0.0');
  const tenantId = e.MICROSOFT_APP_TENANT_ID ?? 'local-tenant';
  return {
    mode,
    version: options.version,
    port,
    host,
    publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.resolve(options.cwd, e.DATA_DIR ?? '.data/pglite') },
    seedDemoData: e.SEED_DEMO_DATA ? e.SEED_DEMO_DATA === 'true' : mode === 'local',
    timeZone: 'Europe/London',
    jobs: { pollingIntervalSeconds: e.JOB_POLLING_INTERVAL_SECONDS, publishConcurrency: e.PUBLISH_CONCURRENCY },
    selfAssessment: { minGroupSize: e.SELF_ASSESSMENT_MIN_GROUP_SIZE },
    bot: {
      appId: e.MICROSOFT_APP_ID ?? '',
      appPassword: e.MICROSOFT_APP_PASSWORD,
      appType: e.MICROSOFT_APP_TYPE,
      tenantId,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
      tokenIssuer: e.BOT_TOKEN_ISSUER,
      oauthApiEndpoint: e.BOT_OAUTH_API_ENDPOINT,
      serviceUrl: e.BOT_SERVICE_URL ?? 'https://smba.trafficmanager.net/teams/',
    },
    graph: {
      clientId: e.GRAPH_CLIENT_ID ?? '',
      clientSecret: e.GRAPH_CLIENT_SECRET,
      baseUrl: e.GRAPH_BASE_URL ?? 'https://graph.microsoft.com/v1.0',
      authorityHost: e.ENTRA_AUTHORITY_HOST ?? 'https://login.microsoftonline.com',
    },
    feedback: {
      reminderSchoolDays: e.FEEDBACK_REMINDER_SCHOOL_DAYS,
      maxReminders: 2,
      registerWaitHours: e.FEEDBACK_REGISTER_WAIT_HOURS,
      sendConcurrency: e.FEEDBACK_SEND_CONCURRENCY,
      sendRatePerSecond: e.FEEDBACK_SEND_RATE,
      maxSendAttempts: 8,
    },
    waysOfWorking: {
      fallbackDelayMinutes: e.WAYS_OF_WORKING_FALLBACK_MINUTES,
      endGraceMinutes: e.MEETING_END_GRACE_MINUTES,
      teamsAppCatalogId: e.TEAMS_APP_CATALOG_ID,
    },
    sso: {
      clientId: e.SSO_CLIENT_ID ?? e.MICROSOFT_APP_ID ?? '',
      appIdUri: e.SSO_APP_ID_URI,
      allowedTenantIds: e.SSO_ALLOWED_TENANT_IDS ? e.SSO_ALLOWED_TENANT_IDS.split(',').map((t) => t.trim()) : [tenantId],
      openIdMetadataUrl: e.SSO_OPENID_METADATA_URL,
    },
  };
}

/** What is safe to log at start-up: every setting, secrets replaced by whether they are set. */
export function summarizeConfig(config: Config): Record<string, unknown> {
  const set = (value: string | undefined) => (value ? '[set]' : '[not set]');
  return {
    mode: config.mode,
    version: config.version,
    listen: `${config.host}:${config.port}`,
    publicBaseUrl: config.publicBaseUrl,
    database: config.database.kind === 'postgres' ? { kind: 'postgres', url: redactUrl(config.database.url) } : config.database,
    seedDemoData: config.seedDemoData,
    jobs: config.jobs,
    bot: { ...config.bot, appPassword: set(config.bot.appPassword) },
    graph: { ...config.graph, clientSecret: set(config.graph.clientSecret), ...(config.graph.entraCaCertificate ? { entraCaCertificate: '[set]' } : {}) },
    waysOfWorking: config.waysOfWorking,
    sso: config.sso,
  };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = 'redacted';
    return parsed.toString();
  } catch {
    return '[unparseable url]';
  }
}
