import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../../app/compose';
import { startedForTests } from '../../support/started-for-tests';
import { launchChromium } from './browser';
import { startLocalApp } from './local-app';
import { startPlayground, type RunningPlayground } from './playground';

/** The local app, the Agents Playground talking to its bot, and a Chromium page open on the Playground. */
export interface PlaygroundBrowser {
  app: RunningApp;
  playground: RunningPlayground;
  page: Page;
  close(): Promise<void>;
}

async function startPlaygroundBrowser(viewport: { width: number; height: number }): Promise<PlaygroundBrowser> {
  const app = await startLocalApp();
  let playground: RunningPlayground | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await playground?.stop();
    await app.close();
  };
  try {
    playground = await startPlayground(`${app.url}/api/messages`);
    browser = await launchChromium();
    const page = await (await browser.newContext({ viewport })).newPage();
    await page.goto(playground.url);
    return { app, playground, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A PlaygroundBrowser for the tests of the enclosing `describe`, started before them and closed after. */
export function playgroundBrowserForTests(viewport: { width: number; height: number }): () => PlaygroundBrowser {
  return startedForTests(() => startPlaygroundBrowser(viewport));
}
