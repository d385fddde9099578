import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../app/compose';
import { launchChromium } from './support/browser';
import { startLocalApp } from './support/local-app';
import { seriousAccessibilityFindings, viewAs } from './support/tab-page';

describe('the tab home page in a browser (local mode)', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startLocalApp();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('asks who you are viewing as, then shows that person\'s communities and meetings', async () => {
    await page.goto(`${app.url}/tab/`);
    await viewAs(page, 'Catherine', /Catherine Rowe/);

    await page.getByRole('heading', { name: 'Professional Development Community' }).waitFor({ timeout: 15_000 });
    const main = await page.getByRole('main').innerText();
    expect(main).toContain('Catherine Rowe');
    expect(main).toMatch(/Lead/);
    expect(main).toMatch(/Tue 15 Sep 2026/);
    expect(await page.getByRole('table').count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'docs/screenshots/tab-home.png', fullPage: true });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it('remembers the chosen person after a reload', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Professional Development Community' }).waitFor({ timeout: 15_000 });
  });

  it('shows the empty state, accessibly, for someone in no community', async () => {
    await viewAs(page, 'Helen', /Helen Marsh/);
    await page.getByText(/not in any community yet/i).waitFor({ timeout: 15_000 });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });
});
