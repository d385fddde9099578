import type { Schedule } from './schedule';

const header = ['Community', 'Meeting', 'Date', 'Time', 'Mode', 'Venue', 'Join link'];

/** The schedule as CSV: RFC 4180 quoting and CRLF, with a UTF-8 byte order mark so Excel reads the dashes and accents. */
export function scheduleCsv(schedule: Schedule): string {
  const rows = schedule.communities.flatMap((community) =>
    community.rows.map((row) => [community.name, row.meeting, row.date, row.time, row.mode, row.venue, row.joinUrl]),
  );
  return '\uFEFF' + [header, ...rows].map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  // Excel would run a cell starting with =, +, - or @ as a formula; a leading apostrophe keeps it text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}
