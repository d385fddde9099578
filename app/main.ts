import 'dotenv/config';
import { ConfigError, loadConfig, summarizeConfig } from '../core/config/config';
import { createLogger } from '../core/log/logger';
import { composeApp } from './compose';
import { version } from '../package.json';

/** Entry point: the only place that reads the process environment. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { version, cwd: process.cwd() });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Trust Communities cannot start.\n${error.message}\nSee README.md, "Configuration".\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  logger.info({ config: summarizeConfig(config) }, 'configuration');
  if (config.mode === 'local') {
    logger.warn(
      'LOCAL MODE: bot authentication is OFF, the tab accepts a dev identity header, calendars are local. ' +
        `Listening on ${config.host} only. Never expose this mode to a network.`,
    );
  }

  let app;
  try {
    app = await composeApp(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, `could not start: ${describeStartupError(error)}`);
    process.exit(1);
  }
  logger.info({ url: app.url }, `Trust Communities is running: tab at ${app.url}/tab/, bot at ${app.url}/api/messages`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    // Longer than the job queue's own 20 s grace, so running jobs can finish and record it first.
    const timer = setTimeout(() => {
      logger.error('shutdown took longer than 25 s; exiting');
      process.exit(1);
    }, 25_000);
    await app.close();
    clearTimeout(timer);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function describeStartupError(error: unknown): string {
  const messages: string[] = [];
  for (let current: unknown = error; current instanceof Error; current = current.cause) messages.push(current.message);
  const message = messages.length > 0 ? messages.join(': ') : String(error);
  if (/ECONNREFUSED/.test(message)) return `the database refused the connection (${message}). Is PostgreSQL running and DATABASE_URL right?`;
  if (/EADDRINUSE/.test(message)) return `the port is already in use (${message}). Set PORT to a free port.`;
  return message;
}

void main();
