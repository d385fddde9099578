import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import { and, asc, eq } from 'drizzle-orm';
import { academicYears, calendarFeeds, communities, meetings, memberships, people } from '../../core/db/schema';
import { startAppHarness, type AppHarness } from '../support/app-harness';

type IcalModule = typeof import('ical.js');

/** Reads one file out of a zip archive by its central directory, as Word would. */
function readZipEntry(zip: Buffer, name: string): string | null {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i += 1) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('broken central directory');
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const entryName = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (entryName === name) {
      const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      return (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}

interface ParsedEvent {
  uid: string;
  summary: string;
  location: string | null;
  description: string;
  status: string | null;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
}

function eventsOf(ICAL: IcalModule['default'], ics: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const status = component.getFirstPropertyValue('status');
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location ?? null,
      description: event.description,
      status: typeof status === 'string' ? status : null,
      sequence: event.sequence,
      startsAt: event.startDate.toJSDate(),
      endsAt: event.endDate.toJSDate(),
    };
  });
}

describe('exports: calendar feeds and the year schedule', () => {
  let harness: AppHarness;
  let ICAL: IcalModule['default'];
  let trustId: string;
  let pd: { id: string; name: string; priorities: string[] };
  let pdLeadId: string;
  let outsiderId: string;
  let extraMeeting: { transactionId: string; joinUrl: string; venue: string; title: string };

  const request = (method: string, path: string, personId?: string, body?: object) =>
    fetch(`${harness.app.url}${path}`, {
      method,
      headers: { ...(personId ? { 'x-dev-person': personId } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  const createFeedAs = async (personId: string, kind: 'community' | 'person', subjectId: string) => {
    const response = await request('POST', '/api/v1/calendar-feeds', personId, { kind, subjectId });
    return { status: response.status, body: (await response.json()) as { url?: string; error?: { message: string } } };
  };

  /** The feed's path on the running app: the address it hands out, minus its public base URL. */
  const feedPath = (url: string) => new URL(url).pathname;

  beforeAll(async () => {
    ICAL = (await import('ical.js')).default;
    harness = await startAppHarness('pglite');
    const db = harness.database.db;

    const [community] = await db
      .select({ id: communities.id, name: communities.name, priorities: communities.priorities, trustId: communities.trustId })
      .from(communities)
      .where(eq(communities.slug, 'professional-development'));
    pd = community!;
    trustId = community!.trustId;
    const [lead] = await db
      .select({ personId: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.communityId, pd.id), eq(memberships.role, 'lead')));
    pdLeadId = lead!.personId;
    const members = new Set(
      (await db.select({ personId: memberships.personId }).from(memberships).where(eq(memberships.communityId, pd.id))).map((m) => m.personId),
    );
    const everyone = await db.select({ id: people.id }).from(people).where(eq(people.trustId, trustId)).orderBy(asc(people.displayName));
    outsiderId = everyone.find((p) => !members.has(p.id))!.id;

    // A meeting in British Summer Time whose text needs escaping and folding, already published to Outlook.
    const [year] = await db.select({ id: academicYears.id }).from(academicYears).where(eq(academicYears.label, '2026/27'));
    extraMeeting = {
      transactionId: crypto.randomUUID(),
      title: 'Évaluation: impact; “what works”, and why \\ a reading of the evidence',
      venue: 'Kingsmead Academy, Library; Room 3',
      joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${'x'.repeat(120)}%40thread.v2/0?context=%7b%22Tid%22%3a%22t%22%7d`,
    };
    await db.insert(meetings).values({
      trustId,
      communityId: pd.id,
      academicYearId: year!.id,
      title: extraMeeting.title,
      startsAt: new Date('2026-10-06T14:45:00Z'),
      endsAt: new Date('2026-10-06T16:15:00Z'),
      mode: 'hybrid',
      venue: extraMeeting.venue,
      joinUrl: extraMeeting.joinUrl,
      transactionId: extraMeeting.transactionId,
      iCalUId: '040000008200E00074C5B7101A82E00800000000published-uid',
      revision: 3,
    });
    // Cancel the spring coaching clinic (9 Mar 2027, GMT).
    await db
      .update(meetings)
      .set({ status: 'cancelled', revision: 2 })
      .where(and(eq(meetings.communityId, pd.id), eq(meetings.startsAt, new Date('2027-03-09T15:45:00Z'))));
  });

  afterAll(async () => {
    await harness?.close();
  });

  describe('ICS feeds', () => {
    let ics: string;

    beforeAll(async () => {
      const created = await createFeedAs(pdLeadId, 'community', pd.id);
      expect(created.status).toBe(200);
      const response = await request('GET', feedPath(created.body.url!));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      ics = await response.text();
    });

    it('ends every line with CRLF and folds none longer than 75 octets', () => {
      expect(ics.endsWith('\r\n')).toBe(true);
      expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      const lines = ics.split('\r\n').slice(0, -1);
      for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(lines.some((line) => line.startsWith(' '))).toBe(true);
      expect(ics).not.toContain('\uFFFD');
    });

    it('publishes a calendar named after the community with a Europe/London time zone', () => {
      const calendar = new ICAL.Component(ICAL.parse(ics));
      expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
      expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
      expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(pd.name);
      const zone = calendar.getFirstSubcomponent('vtimezone');
      expect(zone?.getFirstPropertyValue('tzid')).toBe('Europe/London');
      expect(zone?.getAllSubcomponents('daylight')).toHaveLength(1);
      expect(zone?.getAllSubcomponents('standard')).toHaveLength(1);
    });

    it.each(['timezones-ical-library', 'the VTIMEZONE in the feed'])(
      'gives every meeting its right UTC instant either side of the clock changes (zone from %s)',
      async (source) => {
        const zoneText =
          source === 'timezones-ical-library'
            ? `BEGIN:VCALENDAR\r\n${String((await import('timezones-ical-library')).tzlib_get_ical_block('Europe/London')[0])}\r\nEND:VCALENDAR`
            : ics;
        const zone = new ICAL.Component(ICAL.parse(zoneText)).getFirstSubcomponent('vtimezone');
        ICAL.TimezoneService.register(new ICAL.Timezone(zone!), 'Europe/London');

        // Without its own VTIMEZONE the feed's TZIDs can only resolve through the registered zone.
        const events = eventsOf(ICAL, ics.replace(/BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/, ''));
        const stored = await harness.database.db
          .select({ startsAt: meetings.startsAt, endsAt: meetings.endsAt })
          .from(meetings)
          .where(eq(meetings.communityId, pd.id))
          .orderBy(asc(meetings.startsAt));
        expect(events).toHaveLength(7);
        expect(events.map((e) => e.startsAt.toISOString())).toEqual(stored.map((m) => m.startsAt.toISOString()));
        expect(events.map((e) => e.endsAt.toISOString())).toEqual(stored.map((m) => m.endsAt.toISOString()));

        const startsOn = (day: string) => events.find((e) => e.startsAt.toISOString().startsWith(day))!.startsAt.toISOString();
        expect(startsOn('2026-10-06')).toBe('2026-10-06T14:45:00.000Z');
        expect(startsOn('2026-11-10')).toBe('2026-11-10T15:45:00.000Z');
        expect(startsOn('2027-03-09')).toBe('2027-03-09T15:45:00.000Z');
        expect(startsOn('2027-04-27')).toBe('2027-04-27T14:45:00.000Z');
      },
    );

    it('writes London wall-clock times with a TZID', () => {
      const unfolded = ics.replace(/\r\n /g, '');
      expect(unfolded).toContain('DTSTART;TZID=Europe/London:20261006T154500\r\n');
      expect(unfolded).toContain('DTSTART;TZID=Europe/London:20261110T154500\r\n');
    });

    it('keeps a cancelled meeting, marked cancelled with a higher sequence', () => {
      const cancelled = eventsOf(ICAL, ics).filter((e) => e.status === 'CANCELLED');
      expect(cancelled).toHaveLength(1);
      expect(cancelled[0]!.startsAt.toISOString()).toBe('2027-03-09T15:45:00.000Z');
      expect(cancelled[0]!.sequence).toBe(1);
      expect(cancelled[0]!.summary).toMatch(/^Cancelled: /);
    });

    it('round-trips escaped text and uses the published UID, or the transaction id before publishing', () => {
      const events = eventsOf(ICAL, ics);
      const extra = events.find((e) => e.startsAt.toISOString() === '2026-10-06T14:45:00.000Z')!;
      expect(extra.uid).toBe('040000008200E00074C5B7101A82E00800000000published-uid');
      expect(extra.summary).toBe(`${extraMeeting.title} (${pd.name})`);
      expect(extra.location).toBe(extraMeeting.venue);
      expect(extra.sequence).toBe(2);
      expect(extra.description).toContain('Mode: Hybrid');
      expect(extra.description).toContain(`Join online: ${extraMeeting.joinUrl}`);
      for (const priority of pd.priorities) expect(extra.description).toContain(`• ${priority}`);
      const calendar = new ICAL.Component(ICAL.parse(ics));
      const urls = calendar.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('url'));
      expect(urls).toContain(extraMeeting.joinUrl);

      expect(events.filter((e) => e.uid !== extra.uid).every((e) => /^[0-9a-f-]{36}@trust-communities$/.test(e.uid))).toBe(true);
    });

    it('stores only the SHA-256 hash of the token', async () => {
      const { body } = await createFeedAs(pdLeadId, 'person', pdLeadId);
      const token = /\/api\/v1\/calendar-feeds\/([A-Za-z0-9_-]{43})\.ics$/.exec(body.url!)![1]!;
      expect(body.url!.startsWith(harness.config.publicBaseUrl)).toBe(true);
      const rows = await harness.database.db.select().from(calendarFeeds);
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(rows.map((r) => r.tokenHash)).toContain(crypto.createHash('sha256').update(token).digest('hex'));
    });

    it('serves a person feed with the meetings of their current communities', async () => {
      const { body } = await createFeedAs(pdLeadId, 'person', pdLeadId);
      const feed = await (await request('GET', feedPath(body.url!))).text();
      const communityIds = (
        await harness.database.db.select({ id: memberships.communityId }).from(memberships).where(eq(memberships.personId, pdLeadId))
      ).map((m) => m.id);
      const all = await harness.database.db.select({ communityId: meetings.communityId }).from(meetings);
      expect(eventsOf(ICAL, feed)).toHaveLength(all.filter((m) => communityIds.includes(m.communityId)).length);
    });

    it('answers 404 for a revoked, unknown or malformed feed address', async () => {
      const { body } = await createFeedAs(pdLeadId, 'community', pd.id);
      const path = feedPath(body.url!);
      expect((await request('GET', path)).status).toBe(200);
      expect((await request('DELETE', path, outsiderId)).status).toBe(403);
      expect((await request('DELETE', path, pdLeadId)).status).toBe(200);
      expect((await request('GET', path)).status).toBe(404);
      expect((await request('GET', `/api/v1/calendar-feeds/${crypto.randomBytes(32).toString('base64url')}.ics`)).status).toBe(404);
      expect((await request('GET', '/api/v1/calendar-feeds/not-a-token')).status).toBe(404);
    });

    it('refuses a feed of someone else\'s meetings, or of a community you are not in', async () => {
      const forSomeoneElse = await createFeedAs(outsiderId, 'person', pdLeadId);
      expect(forSomeoneElse.status).toBe(403);
      expect(forSomeoneElse.body.error?.message).toContain('your own meetings');
      expect((await createFeedAs(outsiderId, 'community', pd.id)).status).toBe(403);
      expect((await createFeedAs(pdLeadId, 'community', crypto.randomUUID())).status).toBe(404);
      expect((await request('POST', '/api/v1/calendar-feeds', pdLeadId, { kind: 'team', subjectId: pd.id })).status).toBe(400);
    });
  });

  describe('the year schedule', () => {
    async function scheduledMeetingsByCommunity() {
      return harness.database.db
        .select({ community: communities.name, startsAt: meetings.startsAt })
        .from(meetings)
        .innerJoin(communities, eq(communities.id, meetings.communityId))
        .where(eq(meetings.status, 'scheduled'))
        .orderBy(asc(communities.name), asc(meetings.startsAt));
    }

    it('downloads as CSV with a BOM, CRLF and one row per scheduled meeting, by community then date', async () => {
      const response = await request('GET', '/api/v1/exports/schedule.csv?year=2026/27', outsiderId);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="communities-dates-2026-27.csv"');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);

      const rows = parseCsv(text, { bom: true, columns: true }) as Array<Record<string, string>>;
      const expected = await scheduledMeetingsByCommunity();
      expect(rows).toHaveLength(expected.length);
      expect(rows.map((r) => r.Community)).toEqual(expected.map((m) => m.community));

      const pdRows = rows.filter((r) => r.Community === pd.name);
      expect(pdRows.map((r) => r.Meeting)).toEqual(['1 of 6', '2 of 6', '3 of 6', '4 of 6', '5 of 6', '6 of 6']);
      expect(pdRows[0]).toEqual({
        Community: pd.name,
        Meeting: '1 of 6',
        Date: 'Tue 15 Sep 2026',
        Time: '15:45–17:15',
        Mode: 'Face to face',
        Venue: 'Kingsmead Academy, Library',
        'Join link': '',
      });
      expect(pdRows[1]).toMatchObject({ Date: 'Tue 6 Oct 2026', Time: '15:45–17:15', Mode: 'Hybrid', Venue: extraMeeting.venue, 'Join link': extraMeeting.joinUrl });
      expect(pdRows[2]).toMatchObject({ Date: 'Tue 10 Nov 2026', Time: '15:45–17:15', Mode: 'Online' });
      expect(pdRows.map((r) => r.Date)).not.toContain('Tue 9 Mar 2027');
    });

    it('downloads as a Word document with the title, the trust and every community', async () => {
      const response = await request('GET', '/api/v1/exports/schedule.docx?year=2026-27', outsiderId);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="communities-dates-2026-27.docx"');
      const zip = Buffer.from(await response.arrayBuffer());
      expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
      const xml = readZipEntry(zip, 'word/document.xml');
      expect(xml).not.toBeNull();
      expect(xml).toContain('Communities dates 2026-27');
      expect(xml).toContain('Aspire Learning Trust');
      const names = (await harness.database.db.select({ name: communities.name }).from(communities)).map((c) => c.name);
      expect(names.length).toBeGreaterThanOrEqual(5);
      for (const name of names) expect(xml).toContain(name);
      expect(xml).toContain('Led by ');
      expect(xml).toMatch(/<w:pgSz [^>]*w:orient="landscape"/);
      expect(xml).toContain('Tue 6 Oct 2026');
    });

    it('answers 404 naming the years it has for an unknown year, and 400 for a malformed one', async () => {
      const unknown = await request('GET', '/api/v1/exports/schedule.csv?year=2030/31', outsiderId);
      expect(unknown.status).toBe(404);
      const body = (await unknown.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('academic_year_not_found');
      expect(body.error.message).toBe('There is no academic year 2030/31. The trust has 2026/27.');
      expect((await request('GET', '/api/v1/exports/schedule.docx?year=next', outsiderId)).status).toBe(400);
      expect((await request('GET', '/api/v1/exports/schedule.csv?year=2026/27')).status).toBe(401);
    });
  });
});
