import { tabBrowserForTests } from './support/tab-browser';
import { openAs, seriousAccessibilityFindings, viewAs } from './support/tab-page';

describe('the School calendar page in a browser (local mode)', () => {
  const tab = tabBrowserForTests();

  it('shows a trust admin the terms, and lists an INSET day they add once it is saved', async () => {
    const { app, page } = tab();
    await openAs(page, `${app.url}/tab/#/calendar`, 'Helen', /Helen Marsh/, 'School calendar');
    await page.getByRole('button', { name: 'Save calendar' }).waitFor({ timeout: 15_000 });

    const editor = page.getByRole('region', { name: 'Editable terms and holidays' });
    const names = await editor.getByRole('textbox', { name: /Name of row/ }).evaluateAll((inputs) =>
      inputs.map((input) => (input as HTMLInputElement).value),
    );
    expect(names).toEqual(expect.arrayContaining(['Autumn term', 'Spring term', 'Summer term', 'Autumn half-term']));

    await page.getByRole('button', { name: 'Add period' }).click();
    const rows = editor.getByRole('textbox', { name: /Name of row/ });
    const added = rows.last();
    await added.fill('INSET day (trust conference)');
    await page.getByRole('combobox', { name: 'Kind of INSET day (trust conference)' }).selectOption('inset_day');
    await page.getByLabel('First day of INSET day (trust conference)').fill('2026-11-13');
    await page.getByLabel('Last day of INSET day (trust conference)').fill('2026-11-13');
    await page.getByRole('button', { name: 'Save calendar' }).click();

    await page.getByText('School calendar saved.').waitFor({ timeout: 15_000 });
    const saved = await editor.getByRole('textbox', { name: /Name of row/ }).evaluateAll((inputs) =>
      inputs.map((input) => (input as HTMLInputElement).value),
    );
    expect(saved).toContain('INSET day (trust conference)');
    // The month grid says what the day is in text, not only by its shading.
    expect(await page.getByRole('group', { name: /School calendar 2026\/27/ }).innerText()).toContain(
      'Fri 13 Nov 2026. INSET day: INSET day (trust conference)',
    );
    await page.screenshot({ path: 'docs/screenshots/tab-calendar.png', fullPage: true });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it('shows the saved calendar, read only, to someone who is not a trust admin', async () => {
    const { page } = tab();
    await viewAs(page, 'Catherine', /Catherine Rowe/);
    await page.getByText('Only trust administrators can change the school calendar.').waitFor({ timeout: 15_000 });
    const table = page.getByRole('region', { name: 'Terms and holidays table' });
    const text = await table.innerText();
    expect(text).toContain('INSET day (trust conference)');
    expect(text).toContain('Fri 13 Nov 2026');
    expect(text).toContain('Autumn term');
    expect(await page.getByRole('button', { name: 'Save calendar' }).count()).toBe(0);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });
});
