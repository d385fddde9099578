import type { Page } from 'playwright-core';
import { tabBrowserForTests } from './support/tab-browser';
import { openAs, seriousAccessibilityFindings, viewAs } from './support/tab-page';

/** England's bank holidays in the demo 2026/27 year, as the page writes dates. */
const bankHolidays2026to27 = [
  'Fri 25 Dec 2026',
  'Mon 28 Dec 2026',
  'Fri 1 Jan 2027',
  'Fri 26 Mar 2027',
  'Mon 29 Mar 2027',
  'Mon 3 May 2027',
  'Mon 31 May 2027',
  'Mon 30 Aug 2027',
];

/** Each body row's cells as text. */
async function rowsOf(page: Page, tableRegion: string): Promise<string[][]> {
  return page
    .locator(`[role="region"][aria-label="${tableRegion}"] tbody tr`)
    .evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => (cell as HTMLElement).innerText.trim())));
}

describe('the Schedule page in a browser (local mode)', () => {
  const tab = tabBrowserForTests();

  it('proposes six Tuesday meetings clear of bank holidays, saves them and publishes them to Outlook and Teams', async () => {
    const { app, page } = tab();
    await openAs(page, `${app.url}/tab/#/schedule`, 'Catherine', /Catherine Rowe/, 'Schedule');
    const community = page.getByRole('combobox', { name: 'Community' });
    await community.waitFor({ timeout: 15_000 });
    await community.selectOption({ label: 'Professional Development Community' });
    await page.getByRole('button', { name: 'Propose dates' }).waitFor({ timeout: 15_000 });

    await page.getByRole('radio', { name: 'A number of meetings in the year' }).check();
    await page.getByRole('spinbutton', { name: 'Number of meetings' }).fill('6');
    for (const day of ['Monday', 'Wednesday', 'Thursday', 'Friday']) await page.getByRole('checkbox', { name: day }).uncheck();
    await page.getByRole('checkbox', { name: 'Tuesday' }).check();
    await page.getByLabel('Start time', { exact: true }).fill('15:45');
    await page.getByRole('spinbutton', { name: 'Duration (minutes)' }).fill('90');

    await page.getByRole('radio', { name: 'In order (repeats from the start)' }).check();
    const sequence = page.getByRole('list', { name: 'Mode sequence' });
    while ((await sequence.getByRole('listitem').count()) < 3) await page.getByRole('button', { name: 'Add to sequence' }).click();
    await page.getByRole('combobox', { name: 'Mode of meeting 1 in the sequence' }).selectOption('face_to_face');
    await page.getByRole('combobox', { name: 'Mode of meeting 2 in the sequence' }).selectOption('online');
    await page.getByRole('combobox', { name: 'Mode of meeting 3 in the sequence' }).selectOption('hybrid');

    await page.getByRole('radio', { name: 'Academies host in turn' }).check();
    await page.getByLabel('Host 1', { exact: true }).fill('Oakfield Academy, Room S12');
    await page.getByLabel('Host 2', { exact: true }).fill('Elm Park Primary, Hall');

    await page.getByRole('button', { name: 'Propose dates' }).click();
    await page.getByRole('heading', { name: 'Proposed dates' }).waitFor({ timeout: 15_000 });

    const proposed = await rowsOf(page, 'Proposed meetings table');
    expect(proposed.map((cells) => cells[0])).toEqual(['1 of 6', '2 of 6', '3 of 6', '4 of 6', '5 of 6', '6 of 6']);
    const dates = proposed.map((cells) => (cells[1] ?? '').split('\n')[0] ?? '');
    for (const date of dates) {
      expect(date).toMatch(/^Tue \d{1,2} \w{3} 202[67]$/);
      expect(bankHolidays2026to27).not.toContain(date);
    }
    expect(proposed.map((cells) => cells[1]).join(' ')).not.toContain('Not a school day');
    const modes = await page
      .getByRole('region', { name: 'Proposed meetings table' })
      .getByRole('combobox', { name: /^Mode of meeting/ })
      .evaluateAll((selects) => selects.map((select) => (select as HTMLSelectElement).value));
    expect(modes).toEqual(['face_to_face', 'online', 'hybrid', 'face_to_face', 'online', 'hybrid']);

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved.', { exact: false }).waitFor({ timeout: 15_000 });
    const saved = await rowsOf(page, 'Planned meetings table');
    expect(saved).toHaveLength(6);
    expect(saved.every((cells) => cells.includes('Draft'))).toBe(true);
    expect(saved[0]?.[2]).toBe('15:45\u201317:15');

    await page.getByRole('button', { name: 'Publish to Outlook and Teams' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Publish to Outlook and Teams?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.locator('.fui-DialogSurface').waitFor({ state: 'detached' });
    await page.getByText('Published to Outlook and Teams').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('status').filter({ hasText: 'Published to Outlook and Teams' }).innerText()).toContain('6 created');

    await page.getByRole('region', { name: 'Planned meetings table' }).getByText('Published').first().waitFor({ timeout: 15_000 });
    const published = await rowsOf(page, 'Planned meetings table');
    expect(published.every((cells) => cells.includes('Published'))).toBe(true);

    await page.screenshot({ path: 'docs/screenshots/tab-schedule.png', fullPage: true });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it('marks a meeting changed since publishing after it is rescheduled', async () => {
    const { page } = tab();
    await page.getByRole('button', { name: /^Reschedule meeting 2 / }).click();
    const dialog = page.getByRole('dialog', { name: 'Reschedule meeting' });
    await dialog.getByLabel('New start time').fill('16:00');
    await dialog.getByRole('button', { name: 'Save change' }).click();
    await page.getByText('Meeting changed.').waitFor({ timeout: 15_000 });
    // While the dialog closes the page behind it is still hidden from the accessibility tree.
    await page.locator('.fui-DialogSurface').waitFor({ state: 'detached' });
    const rows = await rowsOf(page, 'Planned meetings table');
    expect(rows[1]).toContain('Changed since publishing');
    expect(rows[1]?.[2]).toBe('16:00\u201317:30');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it('tells someone who plans no community that they can only view meetings', async () => {
    const { page } = tab();
    await viewAs(page, 'Helen', /Helen Marsh/);
    await page.getByText('You can view meetings but not plan them').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Propose dates' }).count()).toBe(0);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });
});
