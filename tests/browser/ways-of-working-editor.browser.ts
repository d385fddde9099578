import type { Page } from 'playwright-core';
import { tabBrowserForTests } from './support/tab-browser';
import { openAfresh, seriousAccessibilityFindings, viewAs } from './support/tab-page';

/** Waits for Fluent's expand animation, so the accessibility scan sees the colours people see, not a fade. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
}

// The app's clock stands at Mon 7 Sep 2026 (see support/local-app.ts), so January is still to come.
describe('editing the Ways of Working in a browser (local mode)', () => {
  const AGREED = 'Bring one piece of feedback from your academy to every meeting.';
  const ADDED = 'Share one thing you tried since the last meeting.';
  const tab = tabBrowserForTests();
  let pd: string;

  beforeAll(async () => {
    const { app } = tab();
    pd = String((await app.database.executeSql(`select id from communities where slug = 'professional-development'`)).rows[0]!.id);
    const lead = String((await app.database.executeSql(`select id from people where display_name = 'Catherine Rowe'`)).rows[0]!.id);
    const saved = await fetch(`${app.url}/api/v1/ways-of-working/communities/${pd}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dev-person': lead },
      body: JSON.stringify({ title: 'PD community agreements', effectiveFrom: '2026-09-01', behaviours: [AGREED] }),
    });
    expect(saved.status).toBe(200);
  });

  it("lets a community lead add a behaviour from January, keeping today's agreements in force until then", async () => {
    const { app, page } = tab();
    await openAfresh(page, `${app.url}/tab/#/community?id=${pd}`);
    await viewAs(page, 'Catherine', /Catherine Rowe/);
    await page.getByRole('button', { name: 'Edit our agreements' }).click();
    const form = page.getByRole('form', { name: 'Edit our agreements' });
    await form.waitFor({ timeout: 15_000 });
    // It starts from the version in force, with the date today.
    expect(await form.getByRole('textbox', { name: 'Behaviour 1' }).inputValue()).toBe(AGREED);
    expect(await form.getByRole('textbox', { name: /^Title/ }).inputValue()).toBe('PD community agreements');

    await form.getByRole('button', { name: 'Add behaviour' }).click();
    await form.getByRole('textbox', { name: 'Behaviour 2' }).fill(ADDED);
    await form.getByLabel(/^In force from/).fill('2027-01-18');
    expect(await form.innerText()).toContain('Meetings before this date keep the version that was in force on their date');
    await form.getByRole('textbox', { name: 'Behaviour 2' }).focus();
    await page.getByRole('region', { name: 'Our Ways of Working' }).screenshot({ path: 'docs/screenshots/ways-of-working-editor.png' });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    await form.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText('Version 2 saved. It is in force from Mon 18 Jan 2027').waitFor({ timeout: 15_000 });
    expect(await form.count()).toBe(0);

    // Today's meetings still get version 1; the new one is announced and in the history.
    const section = page.getByRole('region', { name: 'Our Ways of Working' });
    const inForce = section.getByRole('list').filter({ hasText: AGREED }).first();
    expect(await inForce.innerText()).not.toContain(ADDED);
    const text = await section.innerText();
    expect(text).toContain('PD community agreements, version 1, in force since Tue 1 Sep 2026');
    expect(text).toContain('Version 2 (PD community agreements) takes effect on Mon 18 Jan 2027.');

    await section.getByRole('button', { name: 'Version history of our agreements (2 versions)' }).click();
    const history = section.getByRole('list', { name: 'Version history of our agreements' });
    await history.waitFor({ timeout: 15_000 });
    await settled(page);
    const [newest, first] = await history.locator(':scope > li').allInnerTexts();
    expect(newest).toContain('Version 2: PD community agreements');
    expect(newest).toContain('Still to come');
    expect(newest).toContain('In force from Mon 18 Jan 2027');
    expect(newest).toContain('by Catherine Rowe');
    expect(newest).toContain(ADDED);
    expect(first).toContain('Version 1: PD community agreements');
    expect(first).toContain('In force from Tue 1 Sep 2026');
    expect(first).not.toMatch(/Still to come|Replaced/);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it("shows the server's objection beside the field and keeps everything typed", async () => {
    const { page } = tab();
    await page.getByRole('button', { name: 'Edit our agreements' }).click();
    const form = page.getByRole('form', { name: 'Edit our agreements' });
    // It starts from the newest version, January's.
    expect(await form.getByRole('textbox', { name: 'Behaviour 2' }).inputValue()).toBe(ADDED);
    await form.getByRole('textbox', { name: /^Title/ }).fill('');
    await form.getByRole('button', { name: 'Move behaviour 2 up' }).click();
    await form.getByRole('button', { name: 'Save new version' }).click();

    await form.getByText('Not saved yet').waitFor({ timeout: 15_000 });
    expect(await form.getByText('Give the Ways of Working a title.').count()).toBe(1);
    expect(await form.getByRole('textbox', { name: /^Title/ }).getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByRole('textbox', { name: 'Behaviour 1' }).inputValue()).toBe(ADDED);
    expect(await form.getByRole('textbox', { name: 'Behaviour 2' }).inputValue()).toBe(AGREED);
    expect(await form.getByLabel(/^In force from/).inputValue()).toBe(new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }));
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(await form.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Version history of our agreements (2 versions)' }).count()).toBe(1);
  });

  it('lets a trust administrator add a value to the framework, in force from today', async () => {
    const { app, page } = tab();
    await openAfresh(page, `${app.url}/tab/#/relaunch`);
    await viewAs(page, 'Helen', /Helen Marsh/);
    await page.getByRole('heading', { level: 1, name: 'Ways of Working' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Edit the trust framework' }).click();
    const form = page.getByRole('form', { name: 'Edit the trust framework' });
    expect(await form.getByRole('textbox', { name: 'Value 1', exact: true }).inputValue()).toBe('Learners first');

    await form.getByRole('textbox', { name: /^Title/ }).fill('Communities the Aspire Way (autumn 2026)');
    await form.getByRole('button', { name: 'Add value' }).click();
    const values = await form.getByRole('textbox', { name: /^Value \d+$/ }).count();
    await form.getByRole('textbox', { name: `Value ${values}`, exact: true }).fill('Curiosity');
    await form.getByRole('textbox', { name: `What value ${values} means` }).fill('We ask before we assume.');
    // The app's today: the version is in force at once.
    await form.getByLabel(/^In force from/).fill('2026-09-07');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await form.getByRole('button', { name: 'Save new version' }).click();

    await page.getByText('Version 2 saved. It is in force from Mon 7 Sep 2026').waitFor({ timeout: 15_000 });
    const section = page.getByRole('region', { name: 'The trust framework' });
    await section.getByText('Communities the Aspire Way (autumn 2026), version 2, in force since Mon 7 Sep 2026').waitFor({ timeout: 15_000 });
    const text = await section.innerText();
    expect(text).toMatch(/Curiosity\s+We ask before we assume\./);
    await section.getByRole('button', { name: 'Version history of the trust framework (2 versions)' }).click();
    await settled(page);
    const [newest, first] = await section.getByRole('list', { name: 'Version history of the trust framework' }).locator(':scope > li').allInnerTexts();
    expect(newest).toContain('by Helen Marsh');
    expect(first).toContain('Replaced');
    expect(first).toContain('when the app was set up');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it('gives a member the Ways of Working and their history with nothing to edit', async () => {
    const { app, page } = tab();
    await openAfresh(page, `${app.url}/tab/#/community?id=${pd}`);
    await viewAs(page, 'James', /James Holt/);
    await page.getByRole('button', { name: 'Version history of our agreements (2 versions)' }).waitFor({ timeout: 15_000 });
    expect(await page.getByText(AGREED).count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Edit our agreements' }).count()).toBe(0);

    await openAfresh(page, `${app.url}/tab/#/relaunch`);
    await page.getByText('Only trust administrators can change the trust framework.').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Version history of the trust framework (2 versions)' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Edit the trust framework' }).count()).toBe(0);
    // Who has acknowledged the relaunch is for leads and administrators: said plainly, not as an error.
    await page.getByText('Community leads, the PD director and trust administrators see here who has acknowledged').waitFor({ timeout: 15_000 });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });
});
