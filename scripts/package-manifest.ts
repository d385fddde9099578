import fs from 'node:fs';
import dotenv from 'dotenv';
import type { Command } from '../bot/commands/command';

/** The manifest as JSON; typed loosely here because the official schema, not TypeScript, is its contract. */
export type ManifestJson = Record<string, unknown>;

const placeholder = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Reads an Agents Toolkit style `env/.env.<name>` file; a missing file is a clear error, not an empty environment. */
export function readEnvFile(file: string): Record<string, string> {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist. Copy env/.env.local and fill in your tenant's values.`);
  return dotenv.parse(fs.readFileSync(file));
}

/**
 * Replaces every `${{NAME}}` with its value. Names with no value or an empty one are listed
 * rather than left in the manifest, because Teams would reject the package with a vaguer message.
 */
export function fillPlaceholders(
  template: string,
  values: Readonly<Record<string, string | undefined>>,
  mayBeEmpty: readonly string[] = ['APP_NAME_SUFFIX'],
): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const text = template.replace(placeholder, (_match, name: string) => {
    const value = values[name] ?? '';
    if (value.trim() === '' && !mayBeEmpty.includes(name)) {
      missing.add(name);
      return '';
    }
    // Values land inside JSON strings: escape them as JSON would.
    return JSON.stringify(value).slice(1, -1);
  });
  return { text, missing: [...missing].sort() };
}

/** Every `${{NAME}}` a template uses. */
export function placeholderNames(template: string): string[] {
  return [...new Set([...template.matchAll(placeholder)].map((match) => match[1] ?? ''))];
}

export interface CommandListEntry {
  scopes: string[];
  commands: { title: string; description: string }[];
}

/**
 * The bot's command menu, from the same registry the bot answers with, so the two never drift.
 * Teams shows one list per scope; each command's first trigger is what a person types.
 */
export function commandListsFor(commands: readonly Command[], scopes: readonly string[]): CommandListEntry[] {
  const entries = commands.map((command) => ({ title: command.triggers[0] ?? command.name, description: command.description }));
  return scopes.map((scope) => ({ scopes: [scope], commands: entries }));
}

/** Puts the command lists on every bot in the manifest. */
export function withCommandLists(manifest: ManifestJson, commands: readonly Command[]): ManifestJson {
  const bots = Array.isArray(manifest.bots) ? (manifest.bots as Record<string, unknown>[]) : [];
  return {
    ...manifest,
    bots: bots.map((bot) => ({
      ...bot,
      commandLists: commandListsFor(commands, Array.isArray(bot.scopes) ? (bot.scopes as string[]) : ['personal']),
    })),
  };
}
