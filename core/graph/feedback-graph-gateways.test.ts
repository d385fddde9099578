import type { TokenCredential } from '@azure/identity';
import { startGraphDouble, type GraphDouble } from '../../tests/doubles/graph';
import { GraphAppInstaller } from './app-installer';
import { GraphAttendanceGateway } from './attendance-gateway';
import { GraphJsonClient } from './graph-json-client';

const organizerId = '6f1c1d2e-0000-4000-8000-00000000ada0';
const credential: TokenCredential = { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

describe('the feedback loop\'s Graph gateways against the Graph double', () => {
  let graph: GraphDouble;
  let client: GraphJsonClient;

  beforeEach(async () => {
    graph = await startGraphDouble({ pageSize: 2 });
    graph.seedUsers([{ id: organizerId, userPrincipalName: 'ada@trust.example.org', mail: 'ada@trust.example.org', displayName: 'Ada Lovelace' }]);
    client = new GraphJsonClient({ credential, baseUrl: graph.baseUrl, sleep: async () => undefined });
  });
  afterEach(() => graph.close());

  async function onlineMeeting(): Promise<{ id: string; joinUrl: string }> {
    const response = await fetch(`${graph.baseUrl}/users/${organizerId}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'Maths community', start: { dateTime: '2026-10-14T15:30:00', timeZone: 'UTC' }, end: { dateTime: '2026-10-14T16:30:00', timeZone: 'UTC' }, isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' }),
    });
    const event = (await response.json()) as { onlineMeeting: { joinUrl: string } };
    const meeting = graph.onlineMeetings(organizerId)[0] as { id: string };
    return { id: meeting.id, joinUrl: event.onlineMeeting.joinUrl };
  }

  it('reads every attendance record of every report, following pages, by object id and email', async () => {
    const meeting = await onlineMeeting();
    graph.seedAttendanceReport(organizerId, meeting.id, {
      id: 'report-1',
      attendanceRecords: [
        { emailAddress: 'Ada@Trust.example.org', identity: { id: 'AAA-1' } },
        { emailAddress: 'grace@trust.example.org', identity: { id: 'bbb-2' } },
        { emailAddress: 'alan@trust.example.org' },
      ],
    });
    graph.seedAttendanceReport(organizerId, meeting.id, { id: 'report-2', attendanceRecords: [{ emailAddress: 'joan@trust.example.org', identity: { id: 'ccc-3' } }] });
    const result = await new GraphAttendanceGateway(client).attendeesOf(organizerId, meeting.joinUrl);
    expect(result).toEqual({
      ok: true,
      attendees: [
        { entraObjectId: 'aaa-1', email: 'ada@trust.example.org' },
        { entraObjectId: 'bbb-2', email: 'grace@trust.example.org' },
        { entraObjectId: null, email: 'alan@trust.example.org' },
        { entraObjectId: 'ccc-3', email: 'joan@trust.example.org' },
      ],
    });
  });

  it('says plainly when there is no report yet or no meeting with that join link', async () => {
    const meeting = await onlineMeeting();
    expect(await new GraphAttendanceGateway(client).attendeesOf(organizerId, meeting.joinUrl)).toEqual({ ok: false, message: 'The meeting has no attendance report yet.' });
    expect(await new GraphAttendanceGateway(client).attendeesOf(organizerId, 'https://teams.microsoft.com/l/meetup-join/unknown')).toEqual({ ok: false, message: 'Graph has no online meeting with this join link.' });
  });

  it('retries a throttled call after Retry-After', async () => {
    const meeting = await onlineMeeting();
    graph.seedAttendanceReport(organizerId, meeting.id, { id: 'report-1', attendanceRecords: [{ emailAddress: 'ada@trust.example.org' }] });
    graph.enqueueFaults(429);
    expect(await new GraphAttendanceGateway(client).attendeesOf(organizerId, meeting.joinUrl)).toMatchObject({ ok: true });
  });

  it('installs the app for a person, treats an app already there as installed, and explains a refusal', async () => {
    const installer = new GraphAppInstaller(client, 'catalog-app-1');
    expect(await installer.installForUser(organizerId)).toEqual({ ok: true, alreadyInstalled: false });
    expect(graph.userInstallations(organizerId)).toHaveLength(1);
    expect(await installer.installForUser(organizerId)).toEqual({ ok: true, alreadyInstalled: true });
    graph.seedCatalogApp({ id: 'catalog-app-1', externalId: 'manifest-id-1', displayName: 'Trust Communities' });
    const refused = await new GraphAppInstaller(client, 'not-in-the-catalog').installForUser(organizerId);
    expect(refused).toEqual({ ok: false, message: expect.stringContaining('Graph could not install the app for the person (404') });
  });
});
