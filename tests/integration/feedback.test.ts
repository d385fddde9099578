import { saveConversationReference } from '../../core/conversations/conversation-references';
import { feedbackVerbs } from '../../bot/cards/feedback-card-verbs';
import { meetingSweepQueue } from '../../core/ways-of-working/ways-of-working-jobs';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { cardAction, personalConversationId, personalInstall, type ActivityContext, type ActivityPerson } from '../support/activities';
import { testDatabaseKinds } from '../support/test-database';
import { waitFor } from '../../core/jobs/test-support';

const channelId = '19:professional-development@thread.tacv2';
type Row = Record<string, unknown>;
interface Person extends ActivityPerson {
  personId: string;
  academyId: string | null;
}

describe.each(testDatabaseKinds)('feedback for SLTs, end to end (%s)', (kind) => {
  let harness: AppHarness;
  let ctx: ActivityContext;
  let catherine: Person; // PD director, lead of the PD community
  let james: Person; // PD lead of his academy, PD community member
  let hannah: Person; // PD lead of another academy
  let mathsLead: Person; // leads Mathematics only
  let member: Person; // no role
  let meetingId: string;
  let pdCommunityId: string;
  let mathsCommunityId: string;
  let jamesRequestId: string;

  const sql = async (text: string, params: unknown[] = []): Promise<Row[]> => (await harness.database.executeSql(text, params)).rows as Row[];
  const person = async (where: string, params: unknown[] = []): Promise<Person> => {
    const [row] = await sql(`select p.id, p.entra_object_id, p.display_name, p.academy_id from people p where ${where} limit 1`, params);
    if (!row) throw new Error(`nobody matches ${where}`);
    return { personId: String(row.id), aadObjectId: String(row.entra_object_id), name: String(row.display_name), academyId: row.academy_id ? String(row.academy_id) : null };
  };
  const press = async (who: Person, verb: string, data: Record<string, unknown>) => {
    const response = await harness.postActivity(cardAction(ctx, who, verb, data));
    expect(response.status).toBe(200);
    return JSON.stringify(((await response.json()) as { value: unknown }).value);
  };
  const cardsTo = (who: Person, text: string) => harness.teams.activities(personalConversationId(who)).filter((a) => JSON.stringify(a.activity.attachments ?? []).includes(text));
  const status = async (path: string, who: Person, method: 'GET' | 'PATCH' | 'POST' = 'GET', body?: unknown) =>
    (method === 'GET' ? await harness.api(`/api/v1${path}`, who.personId) : await harness.send(method, `/api/v1${path}`, who.personId, body ?? {})).status;

  beforeAll(async () => {
    // The first PD meeting is face to face, 15:45-17:15 London on Tue 15 Sep 2026; 15 minutes' grace later it is over.
    harness = await startAppHarness(kind, { now: '2026-09-15T16:40:00Z', env: { LOG_LEVEL: process.env.FEEDBACK_TEST_LOG ?? 'silent', BOT_SERVICE_URL: 'http://127.0.0.1:9/' } });
    // Until someone installs the app, first chats go to a closed local port (refused at once, retried) rather than a DNS name that may hang here.
    ctx = { serviceUrl: harness.teams.serviceUrl, tenantId: harness.config.bot.tenantId };
    catherine = await person("p.email = 'catherine.rowe@aspire-trust.example'");
    james = await person("p.email = 'james.holt@aspire-trust.example'");
    hannah = await person("p.email = 'hannah.lloyd@aspire-trust.example'");
    mathsLead = await person(
      "exists (select 1 from memberships m join communities c on c.id = m.community_id where m.person_id = p.id and c.slug = 'mathematics' and m.role = 'lead') and not exists (select 1 from person_roles r where r.person_id = p.id and r.role = 'pd_director')",
    );
    member = await person("not exists (select 1 from person_roles r where r.person_id = p.id) and not exists (select 1 from memberships m where m.person_id = p.id and m.role = 'lead') and p.entra_object_id is not null");
    const [meeting] = await sql("select m.id, m.community_id from meetings m join communities c on c.id = m.community_id where c.slug = 'professional-development' order by m.starts_at limit 1");
    meetingId = String(meeting!.id);
    pdCommunityId = String(meeting!.community_id);
    mathsCommunityId = String((await sql("select id from communities where slug = 'mathematics'"))[0]!.id);
    // Personal chats first, the lead's before anyone's: the app's own minute sweep may ask for the register at any
    // moment, and until a conversation exists in the Teams double it can only reach the closed port (and retry).
    for (const who of [catherine, james, hannah]) expect((await harness.postActivity(personalInstall(ctx, who))).status).toBe(200);
    await sql(`update communities set channel_id = $1 where slug = 'professional-development'`, [channelId]);
    await saveConversationReference(harness.database.db, {
      tenantId: ctx.tenantId,
      conversationId: channelId,
      kind: 'channel',
      trustId: String((await sql('select id from trusts limit 1'))[0]!.id),
      personId: null,
      aadObjectId: null,
      reference: { bot: { id: '28:trust-communities-bot', name: 'Trust Communities' }, conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: ctx.tenantId }, channelId: 'msteams', serviceUrl: ctx.serviceUrl },
    });
  });
  afterAll(() => harness.close());

  it('sends the face-to-face register to the lead when the meeting is over, then the lead confirms it from the card', async () => {
    await harness.app.jobs.send(meetingSweepQueue, {});
    await harness.app.jobs.drain(meetingSweepQueue, 30_000);
    await harness.app.jobs.drain('feedback-register-card', 30_000);
    // The app's own minute sweep may have reported the end before the lead's chat existed; the register job then retries with backoff.
    await waitFor('the register card', () => cardsTo(catherine, 'Who came?').length > 0, 90_000);
    expect(cardsTo(catherine, 'Who came?')).toHaveLength(1);

    const refused = await press(james, feedbackVerbs.confirmRegister, { meetingId, attendees: james.personId });
    expect(refused).toContain('Only the leads of Professional Development Community');
    const confirmed = await press(catherine, feedbackVerbs.confirmRegister, { meetingId, attendees: `${james.personId},${hannah.personId}` });
    expect(confirmed).toContain('2 people have been asked for feedback');
    await waitFor('both feedback cards', () => cardsTo(james, 'Feedback for your SLT').length + cardsTo(hannah, 'Feedback for your SLT').length >= 2, 30_000);
    expect(cardsTo(james, 'Feedback for your SLT')).toHaveLength(1);
    expect(cardsTo(hannah, 'Feedback for your SLT')).toHaveLength(1);
    expect(cardsTo(catherine, 'Feedback for your SLT')).toHaveLength(0);
    await waitFor('the delivery record', async () => (await sql("select 1 from feedback_requests where delivery_status = 'sent'")).length === 2, 15_000);
    const [request] = await sql('select id, delivery_status, activity_id from feedback_requests where person_id = $1', [james.personId]);
    expect(request).toMatchObject({ delivery_status: 'sent' });
    jamesRequestId = String(request!.id);
  }, 150_000);

  it('answers on the card: an error next to the field keeps what was typed, a colleague cannot answer it, and Edit follows a submit', async () => {
    const long = 'y'.repeat(2100);
    const invalid = await press(james, feedbackVerbs.submit, { requestId: jamesRequestId, version: 0, keyMessages: 'Coaching works', actions: long, nothingToReport: 'false' });
    expect(invalid).toContain('2,100 characters');
    expect(invalid).toContain('Coaching works');
    const forged = await press(hannah, feedbackVerbs.submit, { requestId: jamesRequestId, version: 0, keyMessages: 'not mine' });
    expect(forged).toContain('This card is not yours');
    const saved = await press(james, feedbackVerbs.submit, { requestId: jamesRequestId, version: 0, keyMessages: 'Coaching works', forSlt: 'Protect Thursday twilight for coaching', nothingToReport: 'false' });
    expect(saved).toContain('Thank you');
    expect(saved).toContain(feedbackVerbs.edit);
    const replay = await press(james, feedbackVerbs.submit, { requestId: jamesRequestId, version: 0, keyMessages: 'replayed' });
    expect(replay).toContain('out of date');
    const [answer] = await sql('select key_messages, version from feedback_answers where request_id = $1', [jamesRequestId]);
    expect(answer).toEqual({ key_messages: 'Coaching works', version: 1 });
  });

  it("lets each role open only the feedback it may see, and audits reads of others' answers", async () => {
    const academy = `/feedback/academies/${james.academyId}`;
    expect(await status(academy, james)).toBe(200);
    expect(await status(academy, catherine)).toBe(200);
    expect(await status(academy, hannah)).toBe(403);
    expect(await status(academy, mathsLead)).toBe(403);
    expect(await status(academy, member)).toBe(403);

    const overview = `/feedback/communities/${pdCommunityId}/overview`;
    expect(await status(overview, catherine)).toBe(200);
    expect(await status(overview, james)).toBe(403);
    expect(await status(overview, mathsLead)).toBe(403);
    expect(await status(`/feedback/communities/${mathsCommunityId}/overview`, mathsLead)).toBe(200);
    expect(await status(`/feedback/communities/${mathsCommunityId}/overview`, member)).toBe(403);

    for (const who of [james, hannah, mathsLead, member]) expect(await status('/feedback/overview', who)).toBe(403);
    expect(await status('/feedback/overview', catherine)).toBe(200);

    const delivery = `/feedback/meetings/${meetingId}/delivery`;
    expect(await status(delivery, catherine)).toBe(200);
    for (const who of [james, hannah, mathsLead, member]) expect(await status(delivery, who)).toBe(403);
    const [mathsMeeting] = await sql('select id from meetings where community_id = $1 order by starts_at limit 1', [mathsCommunityId]);
    expect(await status(`/feedback/meetings/${String(mathsMeeting!.id)}/delivery`, mathsLead)).toBe(200);

    const pack = `${academy}/slt-pack?from=2026-09-01&to=2026-12-31`;
    expect(await status(pack, james)).toBe(200);
    expect(await status(pack, hannah)).toBe(403);
    expect(await status(`${academy}/slt-pack.docx?from=2026-09-01&to=2026-12-31`, member)).toBe(403);

    const item = `/feedback/items/${jamesRequestId}`;
    expect(await status(item, hannah, 'PATCH', { status: 'discussed_with_slt' })).toBe(403);
    expect(await status(item, member, 'PATCH', { status: 'discussed_with_slt' })).toBe(403);
    const youSaid = `${academy}/communities/${pdCommunityId}/you-said-we-did`;
    expect(await status(youSaid, hannah, 'POST')).toBe(403);
    expect(await status(youSaid, member, 'POST')).toBe(403);

    const mine = (await (await harness.api('/api/v1/feedback/mine', member.personId)).json()) as { items: unknown[] };
    expect(mine.items).toEqual([]);
    const audited = await sql("select count(*)::int as n from audit_log where action = 'feedback.read' and actor_person_id = $1", [james.personId]);
    expect(Number(audited[0]!.n)).toBeGreaterThan(0);
  });

  it("shows the PD lead their academy's answers and response rates, moves an item on and locks it, posts 'you said, we did', and builds the SLT pack", async () => {
    const view = (await (await harness.api(`/api/v1/feedback/academies/${james.academyId}`, james.personId)).json()) as {
      items: { requestId: string; answer: { forSlt: string; status: string } | null }[];
      responseRates: { communityName: string; asked: number; answered: number; rate: number }[];
    };
    expect(view.items.map((i) => i.requestId)).toEqual([jamesRequestId]);
    expect(view.items[0]!.answer).toMatchObject({ forSlt: 'Protect Thursday twilight for coaching', status: 'new' });
    expect(view.responseRates).toEqual([{ communityId: pdCommunityId, communityName: 'Professional Development Community', asked: 1, answered: 1, rate: 1 }]);

    const bad = await harness.send('PATCH', `/api/v1/feedback/items/${jamesRequestId}`, james.personId, { dueOn: '30/11/2026' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('2026-11-30');
    const moved = await harness.send('PATCH', `/api/v1/feedback/items/${jamesRequestId}`, james.personId, { status: 'action_agreed', ownerName: 'Deputy head', dueOn: '2026-11-30', notes: 'Twilight protected from October', locked: true });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ status: 'action_agreed', locked: true, dueOn: '2026-11-30' });
    const locked = await press(james, feedbackVerbs.submit, { requestId: jamesRequestId, version: 1, keyMessages: 'changed after lock' });
    expect(locked).toContain('locked');
    expect(locked).not.toContain(feedbackVerbs.edit);

    const posted = await harness.send('POST', `/api/v1/feedback/academies/${james.academyId}/communities/${pdCommunityId}/you-said-we-did`, james.personId, {});
    expect(posted.status).toBe(200);
    const inChannel = harness.teams.activities(channelId).map((a) => JSON.stringify(a.activity.attachments));
    expect(inChannel.some((card) => card.includes('You said, we did') && card.includes('Twilight protected from October'))).toBe(true);

    const docx = await harness.api(`/api/v1/feedback/academies/${james.academyId}/slt-pack.docx?from=2026-09-01&to=2026-12-31`, james.personId);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const pack = (await (await harness.api(`/api/v1/feedback/academies/${james.academyId}/slt-pack?from=2026-09-01&to=2026-12-31`, james.personId)).json()) as { communities: { name: string; items: { status: string }[] }[] };
    expect(pack.communities[0]).toMatchObject({ name: 'Professional Development Community', items: [{ status: 'Action agreed' }] });

    const report = (await (await harness.api(`/api/v1/feedback/meetings/${meetingId}/delivery`, catherine.personId)).json()) as {
      totals: Record<string, number>;
      round: { attendanceSource: string };
      recipients: { personId: string; status: string; answered: boolean }[];
    };
    expect(report.totals).toMatchObject({ sent: 2, failed: 0, answered: 1 });
    expect(report.round.attendanceSource).toBe('register');
    expect(report.recipients.find((r) => r.personId === james.personId)).toMatchObject({ status: 'sent', answered: true });
    expect(await sql("select 1 from audit_log where action = 'feedback.read' and subject = $1 and actor_person_id = $2", [`delivery:${meetingId}`, catherine.personId])).not.toHaveLength(0);
    const community = (await (await harness.api(`/api/v1/feedback/communities/${pdCommunityId}/overview`, catherine.personId)).json()) as { meetings: unknown[] };
    expect(community.meetings).toEqual([expect.objectContaining({ id: meetingId, asked: 2, sent: 2, failed: 0, answered: 1 })]);
  });
});
