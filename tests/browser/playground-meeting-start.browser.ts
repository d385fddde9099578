import { playgroundBrowserForTests } from './support/playground-browser';

describe('a meeting start event sent through the Microsoft 365 Agents Playground', () => {
  const session = playgroundBrowserForTests({ width: 1280, height: 1100 });

  it('shows the Ways of Working card once, however many times the custom activity is sent', async () => {
    const { app, playground, page } = session();
    await page.getByText('Welcome to Trust Communities').first().waitFor({ timeout: 20_000 });
    const { rows } = await app.database.executeSql(`select conversation_id from conversation_references where kind = 'personal' limit 1`);
    const conversationId = String(rows[0]!.conversation_id);
    const joinUrl = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_playground%40thread.v2/0';
    await app.database.executeSql(`update meetings set join_url = $1 where title = 'Feedback from autumn community meetings'`, [joinUrl]);

    const templateResponse = await fetch(`${playground.url}_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`);
    expect(templateResponse.status).toBe(200);
    const template = (await templateResponse.json()) as Record<string, unknown>;
    const meetingId = 'MCMxOTptZWV0aW5nX3BsYXlncm91bmRAdGhyZWFkLnYyIzA=';
    const activity = {
      ...template,
      type: 'event',
      name: 'application/vnd.microsoft.meetingStart',
      channelData: { ...((template.channelData as Record<string, unknown> | undefined) ?? {}), meeting: { id: meetingId } },
      value: { MeetingType: 'Scheduled', Title: 'Feedback from autumn community meetings', Id: meetingId, JoinUrl: joinUrl, StartTime: '2026-11-10T15:45:12Z' },
    };
    for (let i = 0; i < 2; i++) {
      const sent = await fetch(`${playground.url}_internal/v1/customActivities`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect(sent.status).toBe(200);
    }
    await page.getByText('Our Ways of Working').first().waitFor({ timeout: 20_000 });
    await page.getByText('Feedback from autumn community meetings (2 of 6)').first().waitFor({ timeout: 5_000 });
    // Give a duplicate time to arrive, then check there is still one card.
    await page.waitForTimeout(1500);
    expect(await page.getByText('Our Ways of Working', { exact: true }).count()).toBe(1);
    await page.screenshot({ path: 'docs/screenshots/playground-ways-of-working.png' });
  });
});
