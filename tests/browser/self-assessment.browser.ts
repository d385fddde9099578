import { eq } from 'drizzle-orm';
import { people } from '../../core/db/schema';
import { openCycle } from '../../core/self-assessment/cycles';
import { defaultFrameworkId } from '../../core/self-assessment/framework-library';
import { descriptorTitles, seedSubmittedCycles } from '../support/self-assessment-fixtures';
import { tabBrowserForTests } from './support/tab-browser';
import { openAs, seriousAccessibilityFindings, viewAs } from './support/tab-page';

describe('the Self-assessment page in a browser (local mode)', () => {
  const tab = tabBrowserForTests();

  beforeAll(async () => {
    const { db } = tab().app.database;
    // Two earlier cycles everyone in operations submitted, and this term's, open now (the app's clock is Mon 7 Sep 2026).
    await seedSubmittedCycles(db, [
      { name: 'Spring 2026', opensOn: '2026-02-23', closesOn: '2026-03-20' },
      { name: 'Summer 2026', opensOn: '2026-06-08', closesOn: '2026-07-03' },
    ]);
    const [helen] = await db.select().from(people).where(eq(people.email, 'helen.marsh@aspire-trust.example'));
    await openCycle(db, helen!.trustId, helen!.id, {
      name: 'Autumn 2026',
      frameworkId: (await defaultFrameworkId(db, helen!.trustId))!,
      population: { kind: 'service_area', serviceAreas: ['finance', 'it', 'hr', 'catering', 'estates'] },
      opensOn: '2026-09-07',
      closesOn: '2026-10-16',
    });
  });

  it('lets a member of staff save a draft, come back to it, submit, and see their results over time', async () => {
    const { app, page } = tab();
    await openAs(page, `${app.url}/tab/#/self-assessment`, 'Tom', /Tom Fletcher/, 'Self-assessment');
    const form = page.getByRole('form', { name: 'Self-assessment: Autumn 2026' });
    await form.waitFor({ timeout: 15_000 });
    await page.getByText('0 of 10 answered').waitFor();

    const level = (title: string) => form.getByRole('radiogroup', { name: `Your level for ${title}` });
    await level(descriptorTitles[0]!).getByRole('radio', { name: /^Secure/ }).check();
    await form.getByLabel(`Evidence or an example for ${descriptorTitles[0]}`).fill('Rewrote the budget-setting guidance for heads.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').waitFor({ timeout: 15_000 });

    // Come back later: the draft is still there.
    await page.reload();
    await form.waitFor({ timeout: 15_000 });
    await page.getByText('1 of 10 answered').waitFor({ timeout: 15_000 });
    expect(await level(descriptorTitles[0]!).getByRole('radio', { name: /^Secure/ }).isChecked()).toBe(true);
    expect(await form.getByLabel(`Evidence or an example for ${descriptorTitles[0]}`).inputValue()).toBe('Rewrote the budget-setting guidance for heads.');
    await page.screenshot({ path: 'docs/screenshots/tab-self-assessment-form.png', fullPage: false });

    // Submitting with gaps names them and keeps what is there.
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('alert').getByText(/Still to do: "Customer Focused and Solution Driven"/).waitFor({ timeout: 15_000 });

    for (const [i, title] of descriptorTitles.entries()) {
      if (i === 0) continue;
      await level(title).getByRole('radio', { name: i < 4 ? /^Exceptional/ : i === 9 ? /^Developing/ : /^Secure/ }).check();
    }
    await form.getByLabel(`One thing to develop for ${descriptorTitles[9]}`).fill('Shadow the Kingsmead bursar for a term.');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText('Thank you. Your self-assessment is submitted').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Save draft' }).count()).toBe(0);

    await page.getByRole('tab', { name: 'My view' }).click();
    await page.getByRole('heading', { name: 'My results over time' }).waitFor({ timeout: 15_000 });
    const charts = page.getByRole('list', { name: 'Levels per descriptor over cycles' });
    expect(await charts.getByRole('img').count()).toBe(10);
    expect(await charts.getByRole('img').first().getAttribute('aria-label')).toMatch(/^Communicate with Clarity and Purpose: Spring 2026 \d, Summer 2026 \d, Autumn 2026 3$/);
    expect(await page.getByRole('region', { name: 'Strengths' }).innerText()).toContain('Customer Focused and Solution Driven: Exceptional');
    expect(await page.getByRole('region', { name: 'Development areas' }).innerText()).toContain(
      'Strive for Excellence and Consistency: Developing. Next step: Shadow the Kingsmead bursar for a term.',
    );
    await page.screenshot({ path: 'docs/screenshots/tab-self-assessment.png', fullPage: true });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it('shows a trust admin distributions by academy with small groups hidden, and offers the CSV', async () => {
    const { page } = tab();
    await viewAs(page, 'Helen', /Helen Marsh/);
    await page.getByRole('tab', { name: 'Trust view' }).click();
    await page.getByRole('heading', { name: 'Patterns across the trust' }).waitFor({ timeout: 15_000 });
    await page.getByRole('combobox', { name: 'Group by' }).selectOption('academy');
    const first = page.getByRole('region', { name: `1. ${descriptorTitles[0]}` });
    await first.getByRole('rowheader', { name: 'Central team' }).waitFor({ timeout: 15_000 });
    const rows = await first.getByRole('row').allInnerTexts();
    // Twelve operations staff submitted in Summer 2026: nine central, one each at three academies.
    expect(rows.find((r) => r.startsWith('Whole trust'))).toMatch(/^Whole trust\s+1[0-2]\b/);
    expect(rows.find((r) => r.startsWith('Kingsmead Academy'))).toContain('Hidden');
    expect(rows.find((r) => r.startsWith('Riverside Academy'))).toContain('Hidden');
    await page.screenshot({ path: 'docs/screenshots/tab-self-assessment-trust.png', fullPage: false });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    expect((await download).suggestedFilename()).toBe('self-assessment-aggregates.csv');
  });
});
