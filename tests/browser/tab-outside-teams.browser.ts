import type { Browser } from 'playwright-core';
import type { RunningApp } from '../../app/compose';
import { startProductionApp, type ProductionApp } from '../security/production-app';
import { launchChromium } from './support/browser';
import { startLocalApp } from './support/local-app';
import { seriousAccessibilityFindings, viewAs } from './support/tab-page';

/** What a person sees when a page meant for Teams is opened in a plain browser. */
describe('the tab outside Microsoft Teams', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('in production', () => {
    let production: ProductionApp;
    beforeAll(async () => {
      production = await startProductionApp({ SSO_CLIENT_ID: '11111111-2222-3333-4444-555555555555' });
    });
    afterAll(async () => production?.close());

    it('says it must be opened in Teams, names the trust, and asks the API for nothing that needs a person', async () => {
      const page = await (await browser.newContext()).newPage();
      const personalCalls: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/api/v1/') && !request.url().endsWith('/api/v1/session')) personalCalls.push(request.url());
      });
      await page.goto(`${production.app.url}/tab/`);
      await page.getByText('Open this app in Microsoft Teams').waitFor({ timeout: 20_000 });
      const main = await page.getByRole('main').innerText();
      expect(main).toContain('Aspire Learning Trust');
      expect(main).toContain('signs you in through Microsoft Teams');
      expect(personalCalls).toEqual([]);
      expect(await page.getByRole('combobox', { name: /Viewing as/i }).count()).toBe(0);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await page.context().close();
    });
  });

  describe('the tab set-up page in local mode', () => {
    let app: RunningApp;
    beforeAll(async () => {
      app = await startLocalApp();
    });
    afterAll(async () => app?.close());

    it('explains that a tab is added from Teams, without the section tabs that would lead away', async () => {
      const page = await (await browser.newContext({ viewport: { width: 1000, height: 700 } })).newPage();
      await page.goto(`${app.url}/tab/`);
      await viewAs(page, 'Catherine', /Catherine Rowe/);
      await page.getByRole('tab', { name: 'Home' }).waitFor({ timeout: 15_000 });

      await page.goto(`${app.url}/tab/#/configure`);
      await page.getByText('Open this from Microsoft Teams').waitFor({ timeout: 15_000 });
      expect(await page.getByRole('heading', { name: 'Add Trust Communities as a tab' }).count()).toBe(1);
      expect(await page.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await page.context().close();
    });
  });
});
