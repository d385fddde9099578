import { createHash, randomUUID } from 'node:crypto';
import type { JsonObject } from './types';

export interface StoredEvent {
  resource: JsonObject;
  /** Change sequence in its mailbox, for delta. */
  changeSequence: number;
  removed: boolean;
  transactionId?: string;
}

export interface OnlineMeeting {
  id: string;
  joinWebUrl: string;
  chatInfo: { threadId: string; messageId: string; replyChainMessageId: string | null };
  subject?: string;
  startDateTime?: string;
  endDateTime?: string;
  creationDateTime: string;
  participants: { organizer: { identity: { user: { id: string } }; role: string } };
}

interface Mailbox {
  events: StoredEvent[];
  sequence: number;
}

/** Calendars per mailbox, with change tracking for delta, and the online meetings events create. */
export class CalendarStore {
  private readonly mailboxes = new Map<string, Mailbox>();
  readonly onlineMeetings = new Map<string, OnlineMeeting[]>();

  private mailbox(user: string): Mailbox {
    let found = this.mailboxes.get(user);
    if (!found) {
      found = { events: [], sequence: 0 };
      this.mailboxes.set(user, found);
    }
    return found;
  }

  events(user: string, includeRemoved = false): StoredEvent[] {
    return this.mailbox(user).events.filter((event) => includeRemoved || !event.removed);
  }

  find(user: string, eventId: string): StoredEvent | undefined {
    return this.events(user).find((event) => event.resource.id === eventId);
  }

  byTransactionId(user: string, transactionId: string): StoredEvent | undefined {
    return this.mailbox(user).events.find((event) => event.transactionId === transactionId);
  }

  currentSequence(user: string): number {
    return this.mailbox(user).sequence;
  }

  create(user: string, organizer: { name: string; address: string }, body: JsonObject, nowIso: string): StoredEvent {
    const mailbox = this.mailbox(user);
    const id = `AAMkAD${createHash('sha256').update(`${user}|${randomUUID()}`).digest('base64url').slice(0, 40)}=`;
    const transactionId = typeof body.transactionId === 'string' ? body.transactionId : undefined;
    const resource: JsonObject = {
      '@odata.etag': `W/"${randomUUID()}"`,
      id,
      createdDateTime: nowIso,
      lastModifiedDateTime: nowIso,
      changeKey: randomUUID(),
      iCalUId: `040000008200E00074C5B7101A82E008${createHash('sha1').update(id).digest('hex').toUpperCase()}`,
      subject: '',
      isCancelled: false,
      isOrganizer: true,
      type: 'singleInstance',
      showAs: 'busy',
      importance: 'normal',
      sensitivity: 'normal',
      isOnlineMeeting: false,
      onlineMeetingProvider: 'unknown',
      onlineMeeting: null,
      attendees: [],
      organizer: { emailAddress: organizer },
      webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
      ...body,
    };
    const stored: StoredEvent = { resource, changeSequence: ++mailbox.sequence, removed: false, transactionId };
    this.ensureOnlineMeeting(user, stored, nowIso);
    mailbox.events.push(stored);
    return stored;
  }

  update(user: string, event: StoredEvent, patch: JsonObject, nowIso: string): void {
    const { id: _id, iCalUId: _iCalUId, ...allowed } = patch;
    Object.assign(event.resource, allowed, { lastModifiedDateTime: nowIso, changeKey: randomUUID(), '@odata.etag': `W/"${randomUUID()}"` });
    event.changeSequence = ++this.mailbox(user).sequence;
    this.ensureOnlineMeeting(user, event, nowIso);
  }

  remove(user: string, event: StoredEvent, cancelled: boolean): void {
    if (cancelled) event.resource.isCancelled = true;
    event.removed = true;
    event.changeSequence = ++this.mailbox(user).sequence;
  }

  /** An online event gets a Teams meeting: join URL on the event, chat thread on the meeting. */
  private ensureOnlineMeeting(user: string, event: StoredEvent, nowIso: string): void {
    const resource = event.resource;
    if (resource.isOnlineMeeting !== true || (resource.onlineMeeting !== null && resource.onlineMeeting !== undefined)) return;
    const provider = resource.onlineMeetingProvider;
    if (provider !== undefined && provider !== 'unknown' && provider !== 'teamsForBusiness') return;
    const thread = `19:meeting_${createHash('sha256').update(String(resource.id)).digest('base64url').replace(/[-_]/g, 'x').slice(0, 40)}@thread.v2`;
    const joinWebUrl = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(thread)}/0?context=${encodeURIComponent(JSON.stringify({ Tid: 'tenant', Oid: user }))}`;
    resource.onlineMeetingProvider = 'teamsForBusiness';
    resource.onlineMeeting = { joinUrl: joinWebUrl };
    const start = resource.start as { dateTime?: string } | undefined;
    const end = resource.end as { dateTime?: string } | undefined;
    const meeting: OnlineMeeting = {
      id: Buffer.from(`1*${user}*0**${thread}`).toString('base64url'),
      joinWebUrl,
      chatInfo: { threadId: thread, messageId: '0', replyChainMessageId: null },
      subject: typeof resource.subject === 'string' ? resource.subject : undefined,
      startDateTime: start?.dateTime,
      endDateTime: end?.dateTime,
      creationDateTime: nowIso,
      participants: { organizer: { identity: { user: { id: user } }, role: 'presenter' } },
    };
    this.onlineMeetings.set(user, [...(this.onlineMeetings.get(user) ?? []), meeting]);
  }
}

/** True when the event overlaps [start, end) (date-times compared as UTC). */
export function overlaps(resource: JsonObject, start: string, end: string): boolean {
  const eventStart = parseUtc((resource.start as { dateTime?: unknown } | undefined)?.dateTime);
  const eventEnd = parseUtc((resource.end as { dateTime?: unknown } | undefined)?.dateTime);
  if (Number.isNaN(eventStart) || Number.isNaN(eventEnd)) return true;
  return eventStart < parseUtc(end) && eventEnd > parseUtc(start);
}

/** Graph date-times without an offset are UTC here. */
export function parseUtc(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  return Date.parse(/Z|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
}
