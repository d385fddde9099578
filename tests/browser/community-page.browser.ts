import { tabBrowserForTests } from './support/tab-browser';
import { openAfresh, seriousAccessibilityFindings, viewAs } from './support/tab-page';

describe("a community's channel tab in a browser (local mode)", () => {
  const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_pd-november%40thread.v2/0';
  const tab = tabBrowserForTests();
  let pd: string;

  const idOf = async (sql: string) => String((await tab().app.database.executeSql(sql)).rows[0]!.id);

  beforeAll(async () => {
    const { app } = tab();
    pd = await idOf(`select id from communities where slug = 'professional-development'`);
    const lead = await idOf(`select id from people where display_name = 'Catherine Rowe'`);
    // The November meeting as it is once published: online, with its Teams link.
    await app.database.executeSql(`update meetings set join_url = '${JOIN_URL}' where title = 'Feedback from autumn community meetings'`);
    const saved = await fetch(`${app.url}/api/v1/ways-of-working/communities/${pd}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dev-person': lead },
      body: JSON.stringify({ title: 'PD community agreements', effectiveFrom: '2026-09-01', behaviours: ['Bring one piece of feedback from your academy to every meeting.'] }),
    });
    expect(saved.status).toBe(200);
  });

  it('shows a lead the community, its leads, meetings with join links, Ways of Working and exports', async () => {
    const { app, page } = tab();
    await openAfresh(page, `${app.url}/tab/#/community?id=${pd}`);
    await viewAs(page, 'Catherine', /Catherine Rowe/);
    await page.getByRole('heading', { level: 1, name: 'Professional Development Community' }).waitFor({ timeout: 15_000 });
    await page.getByText('Bring one piece of feedback from your academy to every meeting.').waitFor({ timeout: 15_000 });

    const main = await page.getByRole('main').innerText();
    expect(main).toContain('You: lead');
    expect(main).toContain('The professional development leads of every academy');
    expect(main).toContain('Plan and quality-assure the trust’s INSET and twilight professional learning programme');
    expect(main).toMatch(/Lead\s+Catherine Rowe/);
    // Meetings: date, mode, venue, and a join link only where one exists.
    expect(main).toContain('Tue 15 Sep 2026');
    expect(main).toContain('Kingsmead Academy, Library');
    expect(main).toContain('In person only');
    expect(main).toContain('Link when published');
    const join = page.getByRole('link', { name: 'Join the meeting on Tue 10 Nov 2026 in Teams' });
    expect(await join.getAttribute('href')).toBe(JOIN_URL);
    // Ways of Working in force today: the trust's values and behaviours, then the community's own.
    expect(main).toContain('Learners first');
    expect(main).toContain('Challenge ideas, never people.');
    expect(main).toContain('How we behave in Professional Development Community');
    // Exports: the year's schedule and this community's calendar feed.
    expect(main).toContain("every community's meetings in 2026/27");
    expect(await page.getByRole('button', { name: 'Download schedule (CSV)' }).count()).toBe(1);
    // No section tabs: the channel tab is this community's page only.
    expect(await page.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);

    await page.screenshot({ path: 'docs/screenshots/tab-community.png', fullPage: true });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    await page.getByRole('button', { name: 'Subscribe in Outlook (ICS link)' }).click();
    const feed = page.getByRole('textbox', { name: /Calendar subscription link/ });
    await feed.waitFor({ timeout: 15_000 });
    expect(await feed.inputValue()).toMatch(/\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
  });

  it('shows the same public details to someone in the trust who is not in the community', async () => {
    const { page } = tab();
    await viewAs(page, 'Helen', /Helen Marsh/);
    await page.getByRole('heading', { level: 1, name: 'Professional Development Community' }).waitFor({ timeout: 15_000 });
    await page.getByText('is for its members and leads').waitFor({ timeout: 15_000 });
    const main = await page.getByRole('main').innerText();
    expect(main).not.toContain('You: ');
    expect(main).toContain('Catherine Rowe');
    expect(main).toContain('Learners first');
  });

  it('explains a tab address without a community id and links home', async () => {
    const { app, page } = tab();
    await openAfresh(page, `${app.url}/tab/#/community`);
    await page.getByText('This tab does not name a community').waitFor({ timeout: 15_000 });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await page.getByRole('link', { name: 'Go to Home' }).click();
    await page.getByRole('heading', { name: 'Your communities' }).waitFor({ timeout: 15_000 });
  });

  it('explains a malformed id and an unknown one', async () => {
    const { app, page } = tab();
    await openAfresh(page, `${app.url}/tab/#/community?id=maths`);
    await page.getByText("This tab's community id is not valid").waitFor({ timeout: 15_000 });
    expect(await page.getByRole('main').innerText()).toContain('“maths” is not a community id');

    await openAfresh(page, `${app.url}/tab/#/community?id=5f0c6a51-2b7e-4c1a-9d7e-3a1f0c2b4d6e`);
    await page.getByText('Community not found').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('main').innerText()).toContain('There is no community with this id in your trust.');
    expect(await page.getByRole('link', { name: 'Go to Home' }).count()).toBe(1);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });
});
