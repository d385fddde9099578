import type {
  CalendarEventCancellation,
  CalendarEventUpdate,
  CalendarGateway,
  CancellationResult,
  ChangedEvent,
  ChangedEventsResult,
  ChatThreadResult,
  DateWindow,
  EventResult,
  NewCalendarEvent,
} from './graph-gateway';

/** An event as the local calendar holds it. */
export interface LocalCalendarEvent {
  organizer: string;
  eventId: string;
  iCalUId: string;
  transactionId: string;
  subject: string;
  bodyHtml: string;
  startsAt: Date;
  endsAt: Date;
  attendees: NewCalendarEvent['attendees'];
  location?: string;
  online: boolean;
  joinUrl?: string;
  threadId?: string;
  isCancelled: boolean;
  /** Change sequence within the organiser's calendar, for `changedEvents`. */
  sequence: number;
}

export const localJoinUrlPrefix = 'https://teams.local.invalid/meet/';

/**
 * The calendar for local mode: events live in memory with ids, join URLs and chat threads that
 * say they are local. Deterministic: ids count up per organiser, so a run repeats exactly.
 */
export class LocalCalendarGateway implements CalendarGateway {
  private readonly calendars = new Map<string, { events: LocalCalendarEvent[]; sequence: number }>();

  async createEvents(organizer: string, events: readonly NewCalendarEvent[]): Promise<EventResult[]> {
    const calendar = this.calendar(organizer);
    return events.map((event) => {
      const existing = calendar.events.find((candidate) => candidate.transactionId === event.transactionId);
      if (existing) return resultOf(existing);
      const number = calendar.events.length + 1;
      const key = `${organizer.toLowerCase()}-${number}`;
      const created: LocalCalendarEvent = {
        organizer,
        eventId: `local-event-${key}`,
        iCalUId: `local-ical-${key}`,
        transactionId: event.transactionId,
        subject: event.subject,
        bodyHtml: event.bodyHtml,
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        attendees: event.attendees,
        location: event.location,
        online: event.online,
        isCancelled: false,
        sequence: ++calendar.sequence,
      };
      if (event.online) this.addMeeting(created, key);
      calendar.events.push(created);
      return resultOf(created);
    });
  }

  async updateEvents(organizer: string, updates: readonly CalendarEventUpdate[]): Promise<EventResult[]> {
    const calendar = this.calendar(organizer);
    return updates.map((update) => {
      const event = calendar.events.find((candidate) => candidate.eventId === update.eventId && !candidate.isCancelled);
      if (!event) return notFound(organizer, update.eventId);
      const { eventId: _eventId, ...changes } = update;
      for (const [name, value] of Object.entries(changes)) {
        if (value !== undefined) Object.assign(event, { [name]: value });
      }
      if (event.online && !event.joinUrl) this.addMeeting(event, event.eventId.replace('local-event-', ''));
      event.sequence = ++calendar.sequence;
      return resultOf(event);
    });
  }

  async cancelEvents(organizer: string, cancellations: readonly CalendarEventCancellation[]): Promise<CancellationResult[]> {
    const calendar = this.calendar(organizer);
    return cancellations.map(({ eventId }): CancellationResult => {
      const event = calendar.events.find((candidate) => candidate.eventId === eventId);
      if (!event) return notFound(organizer, eventId);
      if (event.isCancelled) return { ok: true, eventId, alreadyCancelled: true };
      event.isCancelled = true;
      event.sequence = ++calendar.sequence;
      return { ok: true, eventId, alreadyCancelled: false };
    });
  }

  async findMeetingChatThreadId(organizer: string, joinUrl: string): Promise<ChatThreadResult> {
    const event = this.calendar(organizer).events.find((candidate) => candidate.joinUrl === joinUrl);
    if (!event?.threadId) return { ok: false, status: 404, code: 'MeetingNotFound', message: `No Teams meeting organised by ${organizer} has the join URL ${joinUrl}.`, retryable: false };
    return { ok: true, threadId: event.threadId };
  }

  /** The delta token is the organiser's change sequence at the time of the call. */
  async changedEvents(organizer: string, deltaToken?: string, window?: DateWindow): Promise<ChangedEventsResult> {
    const calendar = this.calendar(organizer);
    const since = deltaToken ? Number(deltaToken.replace('local-delta-', '')) : 0;
    const inWindow = (event: LocalCalendarEvent) => !window || (event.startsAt < window.end && event.endsAt > window.start);
    const changes = calendar.events
      .filter((event) => event.sequence > since && (since > 0 || (!event.isCancelled && inWindow(event))))
      .sort((a, b) => a.sequence - b.sequence)
      .map((event): ChangedEvent =>
        event.isCancelled
          ? { kind: 'removed', eventId: event.eventId }
          : {
              kind: 'changed',
              eventId: event.eventId,
              iCalUId: event.iCalUId,
              transactionId: event.transactionId,
              subject: event.subject,
              startsAt: event.startsAt,
              endsAt: event.endsAt,
              isCancelled: false,
              ...(event.joinUrl ? { joinUrl: event.joinUrl } : {}),
            },
      );
    return { ok: true, changes, deltaToken: `local-delta-${calendar.sequence}` };
  }

  /** Events in the organiser's calendar, cancelled ones included, for tests and the local UI. */
  events(organizer: string): readonly LocalCalendarEvent[] {
    return this.calendar(organizer).events;
  }

  private calendar(organizer: string) {
    const key = organizer.toLowerCase();
    let found = this.calendars.get(key);
    if (!found) {
      found = { events: [], sequence: 0 };
      this.calendars.set(key, found);
    }
    return found;
  }

  private addMeeting(event: LocalCalendarEvent, key: string): void {
    event.joinUrl = `${localJoinUrlPrefix}${key}`;
    event.threadId = `19:meeting_local-${key}@thread.v2`;
  }
}

function resultOf(event: LocalCalendarEvent): EventResult {
  return { ok: true, eventId: event.eventId, iCalUId: event.iCalUId, ...(event.joinUrl ? { joinUrl: event.joinUrl } : {}) };
}

function notFound(organizer: string, eventId: string) {
  return { ok: false as const, status: 404, code: 'ErrorItemNotFound', message: `The event ${eventId} was not found in ${organizer}'s local calendar.`, retryable: false };
}
