import { londonWallClock } from '../time/london-clock';

/** One event as a calendar app should show it; times are instants, written as London wall-clock times. */
export interface CalendarEvent {
  uid: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location: string | null;
  description: string;
  url: string | null;
  cancelled: boolean;
  /** RFC 5545 SEQUENCE: grows with every change, so calendar apps take the newer copy. */
  sequence: number;
}

export interface CalendarDocument {
  /** Shown by calendar apps as the subscribed calendar's name (X-WR-CALNAME). */
  name: string;
  events: readonly CalendarEvent[];
  /** When the file was written (every event's DTSTAMP). */
  stampedAt: Date;
}

export const londonTimeZoneId = 'Europe/London';

/**
 * UK rules since 1996: clocks go forward at 01:00 UTC on the last Sunday of March and back at
 * 01:00 UTC (02:00 BST) on the last Sunday of October. Each DTSTART is in the offset it leaves.
 */
const londonTimeZone = [
  'BEGIN:VTIMEZONE',
  `TZID:${londonTimeZoneId}`,
  `X-LIC-LOCATION:${londonTimeZoneId}`,
  'BEGIN:DAYLIGHT',
  'TZNAME:BST',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZNAME:GMT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** An RFC 5545 iCalendar file (METHOD:PUBLISH) with a Europe/London VTIMEZONE, folded and CRLF-terminated. */
export function writeCalendar(calendar: CalendarDocument): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Trust Communities//Communities calendar//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${londonTimeZoneId}`,
    // Subscribed calendars poll; hourly is often enough to see a moved meeting the same day.
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...londonTimeZone,
    ...calendar.events.flatMap((event) => eventLines(event, calendar.stampedAt)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function eventLines(event: CalendarEvent, stampedAt: Date): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utcDateTime(stampedAt)}`,
    `DTSTART;TZID=${londonTimeZoneId}:${londonDateTime(event.startsAt)}`,
    `DTEND;TZID=${londonTimeZoneId}:${londonDateTime(event.endsAt)}`,
    `SEQUENCE:${Math.max(0, Math.floor(event.sequence))}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    // URL is a URI, not TEXT: it is written as it is, without TEXT escaping.
    ...(event.url ? [`URL:${event.url.replace(/[\r\n]/g, '')}`] : []),
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** RFC 5545 TEXT: backslashes, semicolons and commas escaped; line breaks as `\n`. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Splits a content line into pieces of at most 75 octets, each continuation starting with a
 * space, without cutting a UTF-8 character in two.
 */
export function foldLine(line: string): string {
  const maxOctets = 75;
  if (Buffer.byteLength(line, 'utf8') <= maxOctets) return line;
  const pieces: string[] = [];
  let current = '';
  let currentOctets = 0;
  for (const character of line) {
    const octets = Buffer.byteLength(character, 'utf8');
    // Continuation lines spend one octet on their leading space.
    const limit = pieces.length === 0 ? maxOctets : maxOctets - 1;
    if (currentOctets + octets > limit) {
      pieces.push(current);
      current = '';
      currentOctets = 0;
    }
    current += character;
    currentOctets += octets;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
}

/** `20261006T154500`: the London wall-clock time, for properties with `TZID=Europe/London`. */
function londonDateTime(at: Date): string {
  return londonWallClock(at).replace(/[-:]/g, '');
}

/** `20261006T144500Z` */
function utcDateTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '');
}
