import { tabBrowserForTests } from './support/tab-browser';
import { openAfresh, openAs, seriousAccessibilityFindings, viewAs } from './support/tab-page';

describe('the meeting side panel in a browser (local mode)', () => {
  const tab = tabBrowserForTests({ width: 800, height: 1000 });

  it('shows a lead the Ways of Working, the agenda and who has acknowledged, and records their own acknowledgement', async () => {
    const { app, page } = tab();
    await openAs(page, `${app.url}/tab/#/meeting`, 'Catherine', /Catherine Rowe/, 'Our Ways of Working');
    const text = await page.locator('main, body').first().innerText();
    expect(text).toContain('Professional Development Community');
    expect(text).toContain('Autumn launch: Communities the Aspire Way (1 of 6)');
    expect(text).toContain('Face to face, Kingsmead Academy, Library');
    expect(text).toContain('Learners first');
    expect(text).toContain('Challenge ideas, never people.');
    expect(text).toContain('No one yet.');
    expect(await page.getByRole('button', { name: 'Post the card in the meeting' }).count()).toBe(1);

    await page.getByRole('button', { name: "I'll work this way" }).click();
    await page.getByText("Thank you: you said you'll work this way.").waitFor({ timeout: 15_000 });
    await page.getByRole('heading', { name: /\(1 of \d+\)/ }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('listitem').filter({ hasText: 'Catherine Rowe' }).count()).toBe(1);
    await page.screenshot({ path: 'docs/screenshots/tab-meeting-side-panel.png', fullPage: true });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it('gives a meeting named in the address to someone outside the community without the buttons', async () => {
    const { app, page } = tab();
    const meetingId = String((await app.database.executeSql(`select id from meetings where title = 'SEND strategy for 2026/27'`)).rows[0]!.id);
    await openAfresh(page, `${app.url}/tab/#/meeting?meetingId=${meetingId}`);
    await viewAs(page, 'Helen', /Helen Marsh/);
    await page.getByText(/SEND strategy for 2026\/27/).first().waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: "I'll work this way" }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Post the card in the meeting' }).count()).toBe(0);
  });
});
