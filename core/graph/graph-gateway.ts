/**
 * The calendar side of Microsoft Graph as the year planner needs it, in our own types: no Graph
 * type leaves `core/graph/`. Results come back per item, in the order the items were given.
 */

export interface Attendee {
  email: string;
  name: string;
}

/** A community meeting to put in the organiser's Outlook calendar. */
export interface NewCalendarEvent {
  /** Our natural key for the meeting occurrence: a repeated create with it creates nothing new. */
  transactionId: string;
  subject: string;
  bodyHtml: string;
  startsAt: Date;
  endsAt: Date;
  /** Invited as required attendees. */
  attendees: readonly Attendee[];
  /** Room or venue, shown as the location's display name. */
  location?: string;
  /** Online or hybrid meetings get a Teams meeting (join URL and meeting chat). */
  online: boolean;
}

/** Only the fields given change. */
export interface CalendarEventUpdate {
  eventId: string;
  subject?: string;
  bodyHtml?: string;
  startsAt?: Date;
  endsAt?: Date;
  attendees?: readonly Attendee[];
  location?: string;
  online?: boolean;
}

export interface CalendarEventCancellation {
  eventId: string;
  /** Sent to attendees with the cancellation. */
  comment: string;
}

/** Why one item failed, written for the person who has to fix it. */
export interface GatewayFailure {
  ok: false;
  status: number;
  code: string;
  message: string;
  /** True only when trying the same item later may succeed (throttling outlasted our retries, outages). */
  retryable: boolean;
}

export type EventResult = { ok: true; eventId: string; iCalUId: string; joinUrl?: string } | GatewayFailure;

/** `alreadyCancelled` when the event was gone before this call (a repeated cancel changes nothing). */
export type CancellationResult = { ok: true; eventId: string; alreadyCancelled: boolean } | GatewayFailure;

export type ChatThreadResult = { ok: true; threadId: string } | GatewayFailure;

export type ChangedEvent =
  | {
      kind: 'changed';
      eventId: string;
      iCalUId?: string;
      transactionId?: string;
      subject?: string;
      startsAt?: Date;
      endsAt?: Date;
      isCancelled: boolean;
      joinUrl?: string;
    }
  | { kind: 'removed'; eventId: string };

export type ChangedEventsResult = { ok: true; changes: ChangedEvent[]; deltaToken: string } | GatewayFailure;

export interface DateWindow {
  start: Date;
  end: Date;
}

export interface CalendarGateway {
  createEvents(organizer: string, events: readonly NewCalendarEvent[]): Promise<EventResult[]>;
  updateEvents(organizer: string, updates: readonly CalendarEventUpdate[]): Promise<EventResult[]>;
  cancelEvents(organizer: string, cancellations: readonly CalendarEventCancellation[]): Promise<CancellationResult[]>;
  /** The Teams meeting chat (`19:meeting_...@thread.v2`) behind a join URL. */
  findMeetingChatThreadId(organizer: string, joinUrl: string): Promise<ChatThreadResult>;
  /**
   * Events moved, changed or cancelled in Outlook since `deltaToken`. The first call (no token)
   * lists every event in `window` and returns the token for the next call.
   */
  changedEvents(organizer: string, deltaToken?: string, window?: DateWindow): Promise<ChangedEventsResult>;
}
