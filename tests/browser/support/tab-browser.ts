import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../../app/compose';
import { startedForTests } from '../../support/started-for-tests';
import { launchChromium } from './browser';
import { startLocalApp } from './local-app';

/** The local app and one Chromium page set up as a UK user's browser: what each tab page test starts from. */
export interface TabBrowser {
  app: RunningApp;
  page: Page;
  close(): Promise<void>;
}

async function startTabBrowser(viewport = { width: 1280, height: 900 }): Promise<TabBrowser> {
  const app = await startLocalApp();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    const opened = browser;
    return {
      app,
      page,
      close: async () => {
        await opened.close();
        await app.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await app.close();
    throw error;
  }
}

/** A TabBrowser for the tests of the enclosing `describe`, started before them and closed after. */
export function tabBrowserForTests(viewport?: { width: number; height: number }): () => TabBrowser {
  return startedForTests(() => startTabBrowser(viewport));
}
