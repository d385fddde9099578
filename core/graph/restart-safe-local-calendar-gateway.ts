import type {
  CalendarEventCancellation,
  CalendarEventUpdate,
  CalendarGateway,
  CancellationResult,
  ChangedEventsResult,
  ChatThreadResult,
  EventResult,
  NewCalendarEvent,
} from './graph-gateway';
import { localJoinUrlPrefix } from './local-calendar-gateway';

const eventPrefix = 'local-';

/**
 * The calendar for local mode when the app may restart between publishes: every id is derived from
 * the meeting's transactionId (`local-<transactionId>`, join URL `.../meet/<transactionId>`, chat
 * `19:local-<transactionId>@thread.v2`), so nothing depends on memory that a restart would lose.
 * There is no Outlook behind it, so nothing ever changes there (`changedEvents` is always empty).
 */
export class RestartSafeLocalCalendarGateway implements CalendarGateway {
  async createEvents(_organizer: string, events: readonly NewCalendarEvent[]): Promise<EventResult[]> {
    return events.map((event) => resultFor(event.transactionId, event.online));
  }

  async updateEvents(organizer: string, updates: readonly CalendarEventUpdate[]): Promise<EventResult[]> {
    return updates.map((update) => {
      const transactionId = transactionIdOf(update.eventId);
      if (!transactionId) return notFound(organizer, update.eventId);
      return resultFor(transactionId, update.online ?? false);
    });
  }

  async cancelEvents(organizer: string, cancellations: readonly CalendarEventCancellation[]): Promise<CancellationResult[]> {
    return cancellations.map(({ eventId }): CancellationResult => (transactionIdOf(eventId) ? { ok: true, eventId, alreadyCancelled: false } : notFound(organizer, eventId)));
  }

  async findMeetingChatThreadId(organizer: string, joinUrl: string): Promise<ChatThreadResult> {
    if (!joinUrl.startsWith(localJoinUrlPrefix)) {
      return { ok: false, status: 404, code: 'MeetingNotFound', message: `No Teams meeting organised by ${organizer} has the join URL ${joinUrl}.`, retryable: false };
    }
    return { ok: true, threadId: `19:local-${joinUrl.slice(localJoinUrlPrefix.length)}@thread.v2` };
  }

  async changedEvents(): Promise<ChangedEventsResult> {
    return { ok: true, changes: [], deltaToken: 'local-delta' };
  }
}

function resultFor(transactionId: string, online: boolean): EventResult {
  return { ok: true, eventId: `${eventPrefix}${transactionId}`, iCalUId: `local-ical-${transactionId}`, ...(online ? { joinUrl: `${localJoinUrlPrefix}${transactionId}` } : {}) };
}

function transactionIdOf(eventId: string): string | undefined {
  return eventId.startsWith(eventPrefix) && eventId.length > eventPrefix.length ? eventId.slice(eventPrefix.length) : undefined;
}

function notFound(organizer: string, eventId: string) {
  return { ok: false as const, status: 404, code: 'ErrorItemNotFound', message: `The event ${eventId} was not found in ${organizer}'s local calendar.`, retryable: false };
}
