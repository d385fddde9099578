import type { EntraDouble } from '../../tests/doubles/entra';
import { startEntraDouble } from '../../tests/doubles/entra';
import type { GraphDouble } from '../../tests/doubles/graph';
import { startGraphDouble } from '../../tests/doubles/graph';
import { createGraphCredential, GraphCalendarGateway } from './graph-calendar-gateway';
import type { NewCalendarEvent } from './graph-gateway';
import { MailboxLimiter } from './mailbox-limiter';

const tenantId = '22222222-2222-2222-2222-222222222222';
const clientId = '11111111-1111-1111-1111-111111111111';
const organizer = 'ada@oak-trust.example';

function meeting(number: number, overrides: Partial<NewCalendarEvent> = {}): NewCalendarEvent {
  const startsAt = new Date(Date.UTC(2026, 9, 1 + (number % 28), 15, 0));
  return {
    transactionId: `community-1-occurrence-${number}`,
    subject: `Maths leads community ${number}`,
    bodyHtml: `<p>Meeting ${number}</p>`,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 90 * 60_000),
    attendees: [{ email: 'grace@oak-trust.example', name: 'Grace Hopper' }],
    location: 'Oak Academy, Room 4',
    online: true,
    ...overrides,
  };
}

const meetings = (count: number) => Array.from({ length: count }, (_, index) => meeting(index + 1));

describe('GraphCalendarGateway against the Graph double with tokens from the Entra double', () => {
  let entra: EntraDouble;
  let graph: GraphDouble;
  let slept: number[];
  let gateway: GraphCalendarGateway;

  const batchRequests = () => graph.calls.filter((call) => call.path === '/$batch');
  const newGateway = (limiter = new MailboxLimiter()) =>
    new GraphCalendarGateway({
      credential: createGraphCredential({ tenantId, clientId, clientSecret: 's3cret', authorityHost: entra.url, caCertificate: entra.caCertificate }),
      baseUrl: graph.baseUrl,
      limiter,
      sleep: async (ms) => {
        slept.push(ms);
      },
      random: () => 0,
    });

  beforeAll(async () => {
    entra = await startEntraDouble({ https: true, apps: [{ clientId, clientSecret: 's3cret', tenantId, roles: ['Calendars.ReadWrite', 'OnlineMeetings.Read.All'] }] });
  });
  afterAll(async () => {
    await entra.close();
  });
  beforeEach(async () => {
    // A little latency so steps really overlap and the double's concurrency count means something.
    graph = await startGraphDouble({ auth: entra.bearerAuth('https://graph.microsoft.com'), latencyMs: 5 });
    slept = [];
    gateway = newGateway();
  });
  afterEach(async () => {
    await graph.close();
  });

  it('creates 45 events in 3 batches with no duplicates and never more than 4 requests in flight on the mailbox', async () => {
    const results = await gateway.createEvents(organizer, meetings(45));

    expect(results.every((result) => result.ok)).toBe(true);
    expect(batchRequests()).toHaveLength(3);
    expect(graph.events(organizer)).toHaveLength(45);
    expect(new Set(graph.events(organizer).map((event) => event.transactionId)).size).toBe(45);
    expect(graph.maxConcurrency(organizer)).toBeLessThanOrEqual(4);
    expect(graph.calls.every((call) => call.status !== 429)).toBe(true);
    expect(slept).toEqual([]);
  });

  it('would need 12 batches for the same 45 events if each batch held only 4 independent steps', async () => {
    const smallBatches = new GraphCalendarGateway({
      credential: createGraphCredential({ tenantId, clientId, clientSecret: 's3cret', authorityHost: entra.url, caCertificate: entra.caCertificate }),
      baseUrl: graph.baseUrl,
      batchSize: 4,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });

    const results = await smallBatches.createEvents(organizer, meetings(45));

    expect(results.every((result) => result.ok)).toBe(true);
    expect(batchRequests()).toHaveLength(12);
    expect(graph.maxConcurrency(organizer)).toBeLessThanOrEqual(4);
  });

  it('sends London wall-clock times, required attendees, the location and a Teams meeting', async () => {
    const [result] = await gateway.createEvents(organizer, [meeting(1, { startsAt: new Date('2026-10-14T15:00:00Z'), endsAt: new Date('2026-10-14T16:30:00Z') })]);

    expect(result).toMatchObject({ ok: true, joinUrl: expect.stringContaining('https://teams.microsoft.com/l/meetup-join/') });
    expect(graph.events(organizer)[0]).toMatchObject({
      start: { dateTime: '2026-10-14T16:00:00', timeZone: 'Europe/London' },
      end: { dateTime: '2026-10-14T17:30:00', timeZone: 'Europe/London' },
      attendees: [{ emailAddress: { address: 'grace@oak-trust.example', name: 'Grace Hopper' }, type: 'required' }],
      location: { displayName: 'Oak Academy, Room 4' },
      body: { contentType: 'html', content: '<p>Meeting 1</p>' },
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    });
  });

  it('creates nothing new when the same creates are repeated with the same transaction ids', async () => {
    const first = await gateway.createEvents(organizer, meetings(25));
    const second = await gateway.createEvents(organizer, meetings(25));

    expect(graph.events(organizer)).toHaveLength(25);
    expect(second).toEqual(first);
  });

  it('keeps to 4 requests in flight when two publishes to the same mailbox run at once', async () => {
    const limiter = new MailboxLimiter();
    const [a, b] = await Promise.all([
      newGateway(limiter).createEvents(organizer, meetings(20)),
      newGateway(limiter).createEvents(organizer, meetings(40).slice(20)),
    ]);

    expect([...(a ?? []), ...(b ?? [])].every((result) => result.ok)).toBe(true);
    expect(graph.events(organizer)).toHaveLength(40);
    expect(graph.maxConcurrency(organizer)).toBeLessThanOrEqual(4);
  });

  it('puts the events of publishes running side by side for one mailbox into shared batches of 20', async () => {
    const all = meetings(40);
    const results = await Promise.all([0, 8, 16, 24, 32].map((from) => gateway.createEvents(organizer, all.slice(from, from + 8))));

    expect(results.flat().every((result) => result.ok)).toBe(true);
    expect(batchRequests().map((call) => (call.body as { requests: unknown[] }).requests.length)).toEqual([20, 20]);
    expect(graph.events(organizer)).toHaveLength(40);
    expect(graph.maxConcurrency(organizer)).toBeLessThanOrEqual(4);
  });

  it('re-sends only the steps throttled inside a batch, after the largest Retry-After', async () => {
    const events = /\/users\/[^/]+\/events$/;
    graph.enqueueFaults({ fault: { kind: 'status', status: 429, retryAfterSeconds: 2 }, match: { method: 'POST', path: events } }, { fault: 503, match: { method: 'POST', path: events } });

    const results = await gateway.createEvents(organizer, meetings(20));

    expect(results.every((result) => result.ok)).toBe(true);
    expect(graph.events(organizer)).toHaveLength(20);
    expect(slept).toEqual([2000]);
    const [first, second] = batchRequests();
    expect(batchRequests()).toHaveLength(2);
    // The two heads of chains that failed, plus the steps queued behind them in those chains (424).
    const resent = (second?.body as { requests: unknown[] }).requests;
    expect(resent).toHaveLength(10);
    expect((first?.responseBody as { responses: Array<{ status: number }> }).responses.filter((response) => response.status === 424)).toHaveLength(8);
  });

  it('honours Retry-After on a throttled request outside a batch', async () => {
    const [created] = await gateway.createEvents(organizer, [meeting(1)]);
    if (!created?.ok) throw new Error('create failed');
    graph.enqueueFaults({ fault: { kind: 'status', status: 429, retryAfterSeconds: 3 }, match: { method: 'GET', path: /calendarView\/delta$/ } });

    const changes = await gateway.changedEvents(organizer, undefined, { start: new Date('2026-09-01T00:00:00Z'), end: new Date('2027-08-31T00:00:00Z') });

    expect(changes).toMatchObject({ ok: true, changes: [{ kind: 'changed', eventId: created.eventId }] });
    expect(slept).toEqual([3000]);
  });

  it('reports 403 with what an admin must fix, for every item, without retrying or sending the rest', async () => {
    // The mailbox refuses every request, as it does when the access policy leaves it out.
    graph.setFaults({ rate: 1, kinds: [{ kind: 'status', status: 403, code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' }], match: { method: 'POST' } });

    const results = await gateway.createEvents(organizer, meetings(25));

    expect(results).toHaveLength(25);
    for (const result of results) {
      expect(result).toMatchObject({ ok: false, status: 403, code: 'ErrorAccessDenied', retryable: false });
      if (!result.ok) expect(result.message).toMatch(/Calendars\.ReadWrite application permission.*application access policy.*ada@oak-trust\.example/);
    }
    expect(batchRequests()).toHaveLength(1);
    expect(graph.calls.filter((call) => call.batch && call.status === 403)).toHaveLength(4);
    expect(slept).toEqual([]);
  });

  it('reports an unknown mailbox as 404 with a readable message and does not retry', async () => {
    graph.enqueueFaults({ fault: { kind: 'status', status: 404, code: 'ErrorInvalidUser', message: "The requested user 'nobody@oak-trust.example' is invalid." }, match: { method: 'POST' } });

    const [result] = await gateway.createEvents('nobody@oak-trust.example', [meeting(1)]);

    expect(result).toMatchObject({ ok: false, status: 404, code: 'ErrorInvalidUser', retryable: false, message: expect.stringContaining('No mailbox was found for nobody@oak-trust.example') });
    expect(graph.calls.filter((call) => call.batch)).toHaveLength(1);
  });

  it('fails a rejected event alone and still creates the ones queued behind it in its chain', async () => {
    graph.enqueueFaults({ fault: { kind: 'status', status: 400, code: 'ErrorInvalidRequest', message: 'Your request is invalid.' }, match: { method: 'POST' } });

    const results = await gateway.createEvents(organizer, meetings(12));

    expect(results[0]).toMatchObject({ ok: false, status: 400, retryable: false, message: expect.stringContaining('ErrorInvalidRequest') });
    expect(results.slice(1).every((result) => result.ok)).toBe(true);
    expect(graph.events(organizer)).toHaveLength(11);
  });

  it('finds the meeting chat thread behind a join URL', async () => {
    const [created] = await gateway.createEvents(organizer, [meeting(1)]);
    if (!created?.ok || !created.joinUrl) throw new Error('no join URL');

    const found = await gateway.findMeetingChatThreadId(organizer, created.joinUrl);

    expect(found).toEqual({ ok: true, threadId: graph.onlineMeetings(organizer)[0]?.chatInfo.threadId });
    expect(found).toMatchObject({ threadId: expect.stringMatching(/^19:meeting_.*@thread\.v2$/) });
    expect(await gateway.findMeetingChatThreadId(organizer, 'https://teams.microsoft.com/l/meetup-join/unknown')).toMatchObject({ ok: false, status: 404 });
  });

  it('names the online meetings permission and policy when the meeting lookup is refused', async () => {
    graph.enqueueFaults({ fault: 403, match: { path: /onlineMeetings$/ } });

    const found = await gateway.findMeetingChatThreadId(organizer, 'https://teams.microsoft.com/l/meetup-join/x');

    expect(found).toMatchObject({ ok: false, status: 403, message: expect.stringContaining('OnlineMeetings.Read.All') });
  });

  it('updates and cancels events, and cancelling twice changes nothing', async () => {
    const created = await gateway.createEvents(organizer, meetings(3));
    const ids = created.map((result) => (result.ok ? result.eventId : ''));

    const updated = await gateway.updateEvents(organizer, [{ eventId: ids[0] ?? '', subject: 'Moved', startsAt: new Date('2026-11-03T16:00:00Z'), endsAt: new Date('2026-11-03T17:00:00Z') }]);
    const cancelled = await gateway.cancelEvents(organizer, [{ eventId: ids[1] ?? '', comment: 'Cancelled: INSET day' }]);
    const again = await gateway.cancelEvents(organizer, [{ eventId: ids[1] ?? '', comment: 'Cancelled: INSET day' }]);

    expect(updated).toEqual([{ ok: true, eventId: ids[0], iCalUId: expect.any(String), joinUrl: expect.any(String) }]);
    expect(graph.events(organizer).find((event) => event.id === ids[0])).toMatchObject({ subject: 'Moved', start: { dateTime: '2026-11-03T16:00:00', timeZone: 'Europe/London' } });
    expect(cancelled).toEqual([{ ok: true, eventId: ids[1], alreadyCancelled: false }]);
    expect(again).toEqual([{ ok: true, eventId: ids[1], alreadyCancelled: true }]);
    expect(graph.events(organizer).map((event) => event.id)).toEqual([ids[0], ids[2]]);
    expect(graph.events(organizer, { includeRemoved: true }).find((event) => event.id === ids[1])).toMatchObject({ isCancelled: true });
  });

  it('returns events moved and cancelled in Outlook since the last delta token', async () => {
    const created = await gateway.createEvents(organizer, meetings(12));
    const ids = created.map((result) => (result.ok ? result.eventId : ''));
    const window = { start: new Date('2026-09-01T00:00:00Z'), end: new Date('2027-08-31T00:00:00Z') };
    const first = await gateway.changedEvents(organizer, undefined, window);
    if (!first.ok) throw new Error(first.message);
    expect(first.changes).toHaveLength(12);

    await gateway.updateEvents(organizer, [{ eventId: ids[3] ?? '', startsAt: new Date('2026-10-20T14:00:00Z'), endsAt: new Date('2026-10-20T15:00:00Z') }]);
    await gateway.cancelEvents(organizer, [{ eventId: ids[5] ?? '', comment: 'No longer needed' }]);
    const second = await gateway.changedEvents(organizer, first.deltaToken);

    expect(second).toMatchObject({
      ok: true,
      changes: [
        { kind: 'changed', eventId: ids[3], startsAt: new Date('2026-10-20T14:00:00Z'), endsAt: new Date('2026-10-20T15:00:00Z') },
        { kind: 'removed', eventId: ids[5] },
      ],
    });
  });
});
