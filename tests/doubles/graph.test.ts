import type { GraphDouble } from './graph';
import { startGraphDouble } from './graph';
import { manualClock } from './shared/clock';
import type { ManualClock } from './shared/clock';

const organizer = 'ada@trust.example.org';
const organizerId = '6f1c1d2e-0000-4000-8000-00000000ada0';

interface BatchAnswer {
  responses: Array<{ id: string; status: number; headers?: Record<string, string>; body?: { id?: string; error?: { code: string; message: string } } }>;
}

async function call(double: GraphDouble, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${double.baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function eventBody(subject: string, day: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const date = `2026-10-${String(day).padStart(2, '0')}`;
  return { subject, start: { dateTime: `${date}T15:30:00`, timeZone: 'UTC' }, end: { dateTime: `${date}T16:30:00`, timeZone: 'UTC' }, ...extra };
}

describe('Microsoft Graph double', () => {
  let clock: ManualClock;
  let graph: GraphDouble;

  beforeEach(async () => {
    clock = manualClock();
    graph = await startGraphDouble({ clock });
    graph.seedUsers([{ id: organizerId, userPrincipalName: organizer, mail: organizer, displayName: 'Ada Lovelace' }]);
  });

  afterEach(async () => {
    await graph.close();
  });

  it('creates an online event with an id, iCalUId and Teams join URL, and finds its meeting chat by join URL', async () => {
    const response = await call(graph, 'POST', `/users/${organizer}/events`, eventBody('Community planning', 14, { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' }));
    expect(response.status).toBe(201);
    const event = (await response.json()) as { id: string; iCalUId: string; onlineMeeting: { joinUrl: string } };
    expect(event.id).toBeTruthy();
    expect(event.iCalUId).toBeTruthy();
    expect(event.onlineMeeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    const filter = encodeURIComponent(`JoinWebUrl eq '${event.onlineMeeting.joinUrl}'`);
    const meetings = (await (await call(graph, 'GET', `/users/${organizerId}/onlineMeetings?$filter=${filter}`)).json()) as { value: Array<{ chatInfo: { threadId: string } }> };
    expect(meetings.value).toHaveLength(1);
    expect(meetings.value[0]?.chatInfo.threadId).toMatch(/^19:meeting_.+@thread\.v2$/);
    expect(graph.events(organizerId)).toHaveLength(1);
  });

  it('returns the existing event when a create is repeated with the same transactionId', async () => {
    const body = eventBody('Ways of Working', 15, { transactionId: 'occurrence-2026-10-15' });
    const first = (await (await call(graph, 'POST', `/users/${organizer}/events`, body)).json()) as { id: string };
    const second = (await (await call(graph, 'POST', `/users/${organizer}/events`, body)).json()) as { id: string };
    expect(second.id).toBe(first.id);
    expect(graph.events(organizer)).toHaveLength(1);
    await call(graph, 'POST', `/users/${organizer}/events`, { ...body, transactionId: 'another' });
    expect(graph.events(organizer)).toHaveLength(2);
  });

  it('updates, cancels and deletes events with the documented statuses', async () => {
    const a = (await (await call(graph, 'POST', `/users/${organizer}/events`, eventBody('A', 1))).json()) as { id: string };
    const b = (await (await call(graph, 'POST', `/users/${organizer}/events`, eventBody('B', 2))).json()) as { id: string };
    const patched = await call(graph, 'PATCH', `/users/${organizer}/events/${a.id}`, { subject: 'A (moved)' });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: a.id, subject: 'A (moved)' });
    expect((await call(graph, 'POST', `/users/${organizer}/events/${a.id}/cancel`, { comment: 'Snow day' })).status).toBe(202);
    expect((await call(graph, 'DELETE', `/users/${organizer}/events/${b.id}`)).status).toBe(204);
    expect(graph.events(organizer)).toEqual([]);
    expect(graph.events(organizer, { includeRemoved: true }).find((event) => event.id === a.id)).toMatchObject({ isCancelled: true });
    const missing = await call(graph, 'GET', `/users/${organizer}/events/${b.id}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'ErrorItemNotFound', innerError: { 'request-id': expect.any(String) } } });
  });

  it('pages calendarView delta with nextLink and deltaLink and then reports only changes and removals', async () => {
    for (let day = 1; day <= 5; day += 1) await call(graph, 'POST', `/users/${organizer}/events`, eventBody(`Day ${day}`, day));
    await call(graph, 'POST', `/users/${organizer}/events`, eventBody('Out of range', 28));
    const seen: string[] = [];
    let next: string | undefined = `${graph.baseUrl}/users/${organizer}/calendarView/delta?startDateTime=2026-10-01T00:00:00Z&endDateTime=2026-10-10T00:00:00Z`;
    let deltaLink: string | undefined;
    while (next) {
      const page = (await (await fetch(next, { headers: { prefer: 'odata.maxpagesize=2' } })).json()) as { value: Array<{ subject: string }>; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
      seen.push(...page.value.map((event) => event.subject));
      next = page['@odata.nextLink'];
      deltaLink = page['@odata.deltaLink'];
    }
    expect(seen).toEqual(['Day 1', 'Day 2', 'Day 3', 'Day 4', 'Day 5']);
    const [first] = graph.events(organizer);
    await call(graph, 'DELETE', `/users/${organizer}/events/${String(first?.id)}`);
    await call(graph, 'POST', `/users/${organizer}/events`, eventBody('Day 6', 6));
    const changes = (await (await fetch(String(deltaLink))).json()) as { value: Array<{ id: string; subject?: string; '@removed'?: unknown }> };
    expect(changes.value).toEqual([
      { '@odata.type': '#microsoft.graph.event', id: first?.id, '@removed': { reason: 'deleted' } },
      expect.objectContaining({ subject: 'Day 6' }),
    ]);
  });

  it('refuses a $batch of more than 20 requests with 400', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: `/users/${organizer}` }));
    const response = await call(graph, 'POST', '/$batch', { requests });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'BadRequest' } });
  });

  it('answers a $batch with per-request statuses, honours dependsOn and fails dependants of a failed step with 424', async () => {
    const response = await call(graph, 'POST', '/$batch', {
      requests: [
        { id: '1', method: 'POST', url: `/users/${organizer}/events`, headers: { 'content-type': 'application/json' }, body: eventBody('First', 3) },
        { id: '2', method: 'GET', url: `/users/${organizer}/events`, dependsOn: ['1'] },
        { id: '3', method: 'GET', url: '/users/nobody@trust.example.org' },
        { id: '4', method: 'GET', url: `/users/${organizer}`, dependsOn: ['3'] },
      ],
    });
    expect(response.status).toBe(200);
    const { responses } = (await response.json()) as BatchAnswer;
    const byId = Object.fromEntries(responses.map((step) => [step.id, step]));
    expect(byId['1']?.status).toBe(201);
    expect(byId['2']?.status).toBe(200);
    expect((byId['2']?.body as { value?: unknown[] } | undefined)?.value).toHaveLength(1);
    expect(byId['3']?.status).toBe(404);
    expect(byId['4']?.status).toBe(424);
  });

  it('throttles parallel batch steps to one mailbox: the fifth gets 429 with Retry-After inside a 200 batch', async () => {
    const requests = Array.from({ length: 6 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: `/users/${organizer}/events` }));
    const response = await call(graph, 'POST', '/$batch', { requests });
    expect(response.status).toBe(200);
    const { responses } = (await response.json()) as BatchAnswer;
    expect(responses.map((step) => step.status)).toEqual([200, 200, 200, 200, 429, 429]);
    expect(responses[4]).toMatchObject({ headers: { 'retry-after': '1' }, body: { error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' } } });
    expect(graph.maxConcurrency(organizerId)).toBe(4);
  });

  it('runs a dependsOn chain one step at a time so it never trips the concurrency limit', async () => {
    const requests = Array.from({ length: 8 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: `/users/${organizer}/events`, ...(i > 0 ? { dependsOn: [String(i)] } : {}) }));
    const { responses } = (await (await call(graph, 'POST', '/$batch', { requests })).json()) as BatchAnswer;
    expect(responses.every((step) => step.status === 200)).toBe(true);
    expect(graph.maxConcurrency(organizer)).toBe(1);
  });

  it('answers the fifth concurrent request to one mailbox with 429 MailboxConcurrency but not a request to another mailbox', async () => {
    const release = graph.hold();
    const held = Array.from({ length: 4 }, () => call(graph, 'GET', `/users/${organizer}/events`));
    while (graph.calls.length < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    const fifth = await call(graph, 'GET', `/users/${organizer}/events`);
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('retry-after')).toBe('1');
    const elsewhere = call(graph, 'GET', '/users/grace@trust.example.org/events');
    release();
    expect((await Promise.all(held)).map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect((await elsewhere).status).toBe(200);
    expect(graph.maxConcurrency(organizerId)).toBe(4);
  });

  it('refuses the 10,001st request to a mailbox within 10 minutes and accepts it once the window moves', async () => {
    await graph.close();
    graph = await startGraphDouble({ clock, mailboxRequestsPer10Minutes: 10_000 });
    const batch = { requests: Array.from({ length: 20 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/users/ada/events', ...(i > 0 ? { dependsOn: [String(i)] } : {}) })) };
    for (let i = 0; i < 500; i += 1) {
      const { responses } = (await (await call(graph, 'POST', '/$batch', batch)).json()) as BatchAnswer;
      if (responses.some((step) => step.status !== 200)) throw new Error(`batch ${i} was throttled early`);
      clock.advance(1_000);
    }
    expect(graph.requestCount('ada')).toBe(10_000);
    const refused = await call(graph, 'GET', '/users/ada/events');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('100');
    clock.advance(100_000);
    expect((await call(graph, 'GET', '/users/ada/events')).status).toBe(200);
  }, 60_000);

  it('serves attendance reports with records expanded or listed', async () => {
    graph.seedAttendanceReport(organizerId, 'meeting-1', {
      id: 'report-1',
      totalParticipantCount: 2,
      meetingStartDateTime: '2026-10-14T15:30:00Z',
      meetingEndDateTime: '2026-10-14T16:30:00Z',
      attendanceRecords: [
        { emailAddress: 'ada@trust.example.org', totalAttendanceInSeconds: 3600, role: 'Organizer' },
        { emailAddress: 'grace@trust.example.org', totalAttendanceInSeconds: 1200, role: 'Attendee' },
      ],
    });
    const list = (await (await call(graph, 'GET', `/users/${organizer}/onlineMeetings/meeting-1/attendanceReports`)).json()) as { value: Array<Record<string, unknown>> };
    expect(list.value).toEqual([expect.not.objectContaining({ attendanceRecords: expect.anything() })]);
    const expanded = (await (await call(graph, 'GET', `/users/${organizer}/onlineMeetings/meeting-1/attendanceReports/report-1?$expand=attendanceRecords`)).json()) as { attendanceRecords: unknown[] };
    expect(expanded.attendanceRecords).toHaveLength(2);
    const records = (await (await call(graph, 'GET', `/users/${organizer}/onlineMeetings/meeting-1/attendanceReports/report-1/attendanceRecords`)).json()) as { value: unknown[] };
    expect(records.value).toHaveLength(2);
  });

  it('installs an app into a meeting chat once, refuses a second install with 409, and gives the personal chat of a user install', async () => {
    graph.seedCatalogApp({ id: 'catalog-app-1', externalId: 'manifest-id-1', displayName: 'Trust Communities' });
    const chatId = '19:meeting_abc@thread.v2';
    const install = { 'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/catalog-app-1', consentedPermissionSet: { resourceSpecificPermissions: [] } };
    expect((await call(graph, 'POST', `/chats/${encodeURIComponent(chatId)}/installedApps`, install)).status).toBe(201);
    expect((await call(graph, 'POST', `/chats/${encodeURIComponent(chatId)}/installedApps`, install)).status).toBe(409);
    const listed = (await (await call(graph, 'GET', `/chats/${encodeURIComponent(chatId)}/installedApps?$expand=teamsApp&$filter=teamsApp/externalId eq 'manifest-id-1'`)).json()) as { value: unknown[] };
    expect(listed.value).toHaveLength(1);
    const unknownApp = { 'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/nope' };
    expect((await call(graph, 'POST', `/chats/${encodeURIComponent(chatId)}/installedApps`, unknownApp)).status).toBe(404);

    expect((await call(graph, 'POST', `/users/${organizerId}/teamwork/installedApps`, install)).status).toBe(201);
    const [installation] = graph.userInstallations(organizerId);
    const chat = (await (await call(graph, 'GET', `/users/${organizerId}/teamwork/installedApps/${String(installation?.id)}/chat`)).json()) as { id: string };
    expect(chat.id).toMatch(/^19:.+@unq\.gbl\.spaces$/);
  });

  it('gets users by id or UPN, lists them, and answers 404 Request_ResourceNotFound for unknown ones', async () => {
    expect(await (await call(graph, 'GET', `/users/${organizer}`)).json()).toMatchObject({ id: organizerId });
    expect(((await (await call(graph, 'GET', '/users')).json()) as { value: unknown[] }).value).toHaveLength(1);
    const missing = await call(graph, 'GET', '/users/nobody');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
  });

  it('injects queued faults, including inside a batch, and drops connections on request', async () => {
    graph.enqueueFaults({ fault: 503, match: { path: `/users/${organizer}` } }, { fault: { kind: 'status', status: 429, retryAfterSeconds: 7 }, match: { method: 'GET' } });
    const { responses } = (await (await call(graph, 'POST', '/$batch', { requests: [{ id: 'a', method: 'GET', url: `/users/${organizer}` }, { id: 'b', method: 'GET', url: '/users' }] })).json()) as BatchAnswer;
    expect(responses.map((step) => step.status)).toEqual([503, 429]);
    expect(responses[1]?.headers?.['retry-after']).toBe('7');
    graph.enqueueFaults('drop');
    await expect(call(graph, 'GET', '/users')).rejects.toThrow();
    expect((await call(graph, 'GET', '/users')).status).toBe(200);
  });

  it('answers 401 InvalidAuthenticationToken when a verifier is set and the token is missing', async () => {
    await graph.close();
    graph = await startGraphDouble({ clock, auth: { verify: async (token) => token === 'graph-token' } });
    const refused = await call(graph, 'GET', '/users');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    expect((await call(graph, 'GET', '/users', undefined, { authorization: 'Bearer graph-token' })).status).toBe(200);
  });
});
