import type { Page } from 'playwright-core';
import type { RunningApp } from '../../app/compose';
import { startTabBrowser, type TabBrowser } from './support/tab-browser';
import { seriousAccessibilityFindings, viewAs } from './support/tab-page';

/** Each community's first meeting asks its members; two in three have answered. */
async function seedFeedback(app: RunningApp): Promise<void> {
  await app.database.executeSql(`
    insert into feedback_requests (trust_id, meeting_id, community_id, person_id, academy_id, meeting_starts_at, delivery_status, sent_at)
    select m.trust_id, m.id, m.community_id, ms.person_id, p.academy_id, m.starts_at, 'sent', m.ends_at
      from (select distinct on (community_id) * from meetings order by community_id, starts_at) m
      join memberships ms on ms.community_id = m.community_id
      join people p on p.id = ms.person_id`);
  await app.database.executeSql(`
    insert into feedback_answers (request_id, trust_id, key_messages, contextualisation, for_slt, actions, submitted_at)
    select r.id, r.trust_id, 'Coaching conversations are working in ' || c.name, 'Start with the Year 7 team', 'Protect time for coaching in the spring term',
           'Share the coaching model at the next staff briefing', r.sent_at
      from feedback_requests r join communities c on c.id = r.community_id join people p on p.id = r.person_id
     where p.display_name not like 'H%'`);
  await app.database.executeSql('update feedback_requests r set answered_at = a.submitted_at from feedback_answers a where a.request_id = r.id');
}

describe('the Feedback page in a browser (local mode)', () => {
  let session: TabBrowser;
  let app: RunningApp;
  let page: Page;

  beforeAll(async () => {
    session = await startTabBrowser();
    ({ app, page } = session);
    await seedFeedback(app);
  });
  afterAll(() => session?.close());

  it("lets a PD lead see their academy's feedback and move an item to 'Action agreed' with notes", async () => {
    await page.goto(`${app.url}/tab/#/feedback`);
    await viewAs(page, 'James', /James Holt/);
    await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor({ timeout: 15_000 });
    await page.getByRole('tab', { name: 'My academy' }).waitFor({ timeout: 15_000 });
    const rates = page.getByRole('table', { name: 'Response rate by community' });
    await rates.waitFor({ timeout: 15_000 });
    expect(await rates.innerText()).toContain('Professional Development Community');

    const card = page.locator('[aria-label^="James Holt: Professional Development Community"]');
    expect(await card.innerText()).toContain('Protect time for coaching in the spring term');
    await card.getByRole('combobox', { name: 'Status' }).selectOption('action_agreed');
    await card.getByRole('textbox', { name: 'Owner' }).fill('Deputy head');
    await card.getByRole('textbox', { name: 'Notes (what was done)' }).fill('Coaching time protected on Thursdays from January');
    await card.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').first().waitFor({ timeout: 15_000 });

    await page.getByRole('button', { name: 'Show printable pack' }).click();
    await page.getByLabel('SLT pack').getByText('Coaching time protected on Thursdays from January').waitFor({ timeout: 15_000 });
    // The top of the page: filters, response rates and the first items.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'docs/screenshots/tab-feedback.png', fullPage: false });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it('shows the PD director the heatmap of response and implementation by academy and community', async () => {
    await viewAs(page, 'Catherine', /Catherine Rowe/);
    await page.getByRole('tab', { name: 'Trust heatmap' }).click();
    const heatmap = page.getByRole('table', { name: 'Response and implementation by academy and community' });
    await heatmap.waitFor({ timeout: 15_000 });
    const text = await heatmap.innerText();
    expect(text).toMatch(/Response \d+% · implemented \d+%/);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it('shows a community lead response rates and themes by academy for their community', async () => {
    const lead = await app.database.executeSql(
      `select p.display_name from memberships m join people p on p.id = m.person_id join communities c on c.id = m.community_id
        where c.slug = 'mathematics' and m.role = 'lead' and not exists (select 1 from person_roles r where r.person_id = p.id and r.role = 'pd_director') limit 1`,
    );
    const name = String(lead.rows[0]!.display_name);
    await viewAs(page, name.split(' ')[0]!, new RegExp(name));
    await page.getByRole('tab', { name: 'Communities' }).click();
    const table = page.getByRole('table', { name: /Response rates and themes by academy for Mathematics/ });
    await table.waitFor({ timeout: 15_000 });
    expect(await table.innerText()).toMatch(/\d+ of \d+/);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });
});
