import type { RunningApp } from '../../app/compose';
import { tabBrowserForTests } from './support/tab-browser';
import { openAs, seriousAccessibilityFindings, viewAs } from './support/tab-page';

/**
 * Each community's first meeting asks every member (no attendance report in local mode). Three
 * Operations members' cards failed (none a lead, PD lead or the PD director, whom the other tests
 * view as); most of those whose card arrived have answered, and the rest had a reminder.
 */
async function seedFeedback(app: RunningApp): Promise<void> {
  await app.database.executeSql(`
    insert into feedback_requests (trust_id, meeting_id, community_id, person_id, academy_id, meeting_starts_at, delivery_status, sent_at, attempts)
    select m.trust_id, m.id, m.community_id, ms.person_id, p.academy_id, m.starts_at, 'sent', m.ends_at, 1
      from (select distinct on (community_id) * from meetings order by community_id, starts_at) m
      join memberships ms on ms.community_id = m.community_id
      join people p on p.id = ms.person_id`);
  await app.database.executeSql(`
    insert into feedback_rounds (trust_id, meeting_id, community_id, status, attendance_source, attendance_note, ended_at, asked_at)
    select distinct r.trust_id, r.meeting_id, r.community_id, 'asked'::feedback_round_status, 'everyone'::feedback_attendance_source,
           'Attendance reports are not available in local mode.', m.ends_at, m.ends_at
      from feedback_requests r join meetings m on m.id = r.meeting_id`);
  await app.database.executeSql(`
    with failures (n, reason, message) as (values
      (1, 'blocked', 'Teams refused the message (ConversationBlockedByUser: User blocked the conversation with the bot.)'),
      (2, 'not_found', 'Teams does not know this conversation or message (NotFound: Conversation not found.)'),
      (3, 'uninstalled', 'This person has no Microsoft 365 account on record and has never spoken to the bot, so no chat can be started.')),
    members as (
      select r.id, row_number() over (order by p.display_name) as n
        from feedback_requests r join communities c on c.id = r.community_id join people p on p.id = r.person_id
       where c.slug = 'operations'
         and not exists (select 1 from person_roles pr where pr.person_id = p.id and pr.role in ('pd_lead', 'pd_director'))
         and not exists (select 1 from memberships ms where ms.person_id = p.id and ms.role = 'lead'))
    update feedback_requests r set delivery_status = 'failed', sent_at = null, failure_reason = f.reason, failure_message = f.message
      from members m join failures f on f.n = m.n
     where r.id = m.id`);
  await app.database.executeSql(`
    insert into feedback_answers (request_id, trust_id, key_messages, contextualisation, for_slt, actions, submitted_at)
    select r.id, r.trust_id, 'Coaching conversations are working in ' || c.name, 'Start with the Year 7 team', 'Protect time for coaching in the spring term',
           'Share the coaching model at the next staff briefing', r.sent_at
      from feedback_requests r join communities c on c.id = r.community_id join people p on p.id = r.person_id
     where p.display_name not like 'H%' and r.delivery_status = 'sent'`);
  await app.database.executeSql('update feedback_requests r set answered_at = a.submitted_at from feedback_answers a where a.request_id = r.id');
  await app.database.executeSql("update feedback_requests set reminders_sent = 1 where delivery_status = 'sent' and answered_at is null");
}

/** A lead of the community who is not the PD director, so the Communities tab is what they see first. */
async function communityLead(app: RunningApp, slug: string): Promise<string> {
  const lead = await app.database.executeSql(
    `select p.display_name from memberships m join people p on p.id = m.person_id join communities c on c.id = m.community_id
      where c.slug = $1 and m.role = 'lead' and not exists (select 1 from person_roles r where r.person_id = p.id and r.role = 'pd_director') limit 1`,
    [slug],
  );
  return String(lead.rows[0]!.display_name);
}

describe('the Feedback page in a browser (local mode)', () => {
  const tab = tabBrowserForTests();

  beforeAll(() => seedFeedback(tab().app));

  it("lets a PD lead see their academy's feedback and move an item to 'Action agreed' with notes", async () => {
    const { app, page } = tab();
    await openAs(page, `${app.url}/tab/#/feedback`, 'James', /James Holt/, 'Feedback');
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
    const { page } = tab();
    await viewAs(page, 'Catherine', /Catherine Rowe/);
    await page.getByRole('tab', { name: 'Trust heatmap' }).click();
    const heatmap = page.getByRole('table', { name: 'Response and implementation by academy and community' });
    await heatmap.waitFor({ timeout: 15_000 });
    const text = await heatmap.innerText();
    expect(text).toMatch(/Response \d+% · implemented \d+%/);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it('shows a community lead response rates and themes by academy for their community', async () => {
    const { app, page } = tab();
    const name = await communityLead(app, 'mathematics');
    await viewAs(page, name.split(' ')[0]!, new RegExp(name));
    await page.getByRole('tab', { name: 'Communities' }).click();
    const table = page.getByRole('table', { name: /Response rates and themes by academy for Mathematics/ });
    await table.waitFor({ timeout: 15_000 });
    expect(await table.innerText()).toMatch(/\d+ of \d+/);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it("opens a meeting's delivery report from the Communities tab, failed cards first with the reason in plain words", async () => {
    const { app, page } = tab();
    const name = await communityLead(app, 'operations');
    await page.goto(`${app.url}/tab/#/feedback`);
    await viewAs(page, name.split(' ')[0]!, new RegExp(name));
    await page.getByRole('tab', { name: 'Communities' }).click();
    const meetings = page.getByRole('table', { name: 'Feedback cards by meeting' });
    await meetings.waitFor({ timeout: 15_000 });
    await meetings.getByRole('link', { name: /^Delivery report for / }).first().click();

    await page.getByRole('heading', { level: 2, name: /^Delivery report: / }).waitFor({ timeout: 15_000 });
    await page.getByText(/^\d+ of \d+ cards delivered, 3 failed, \d+ answered$/).waitFor();
    await page.getByText('Who was asked: every member of the community. Attendance reports are not available in local mode.').waitFor();
    const recipients = page.getByRole('table', { name: 'Everyone asked, failed cards first' });
    const rows = recipients.getByRole('row');
    expect(await rows.nth(1).innerText()).toContain('Failed: the person blocked or removed the app');
    expect(await recipients.innerText()).toContain('Failed: the app is not installed for the person');
    expect(await rows.last().innerText()).toMatch(/Delivered \w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'docs/screenshots/feedback-delivery-report.png', fullPage: false });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    await page.getByRole('combobox', { name: 'Show' }).selectOption('failed');
    expect(await page.getByRole('table', { name: 'Failed only' }).getByRole('row').count()).toBe(4);
    await page.getByRole('link', { name: 'Back to all feedback' }).click();
    await meetings.waitFor({ timeout: 15_000 });

    const later = await app.database.executeSql(
      "select m.id from meetings m join communities c on c.id = m.community_id where c.slug = 'operations' and not exists (select 1 from feedback_requests r where r.meeting_id = m.id) limit 1",
    );
    await page.goto(`${app.url}/tab/#/feedback?delivery=${String(later.rows[0]!.id)}`);
    await page.getByText('No cards have been sent for this meeting yet.').waitFor({ timeout: 15_000 });
  });
});
