import { fromGraphDateTime, toLondonDateTime } from './london-date-time';

describe('London date-times for Graph', () => {
  it('writes British Summer Time and Greenwich Mean Time as London wall-clock time', () => {
    expect(toLondonDateTime(new Date('2026-10-14T15:00:00Z'))).toEqual({ dateTime: '2026-10-14T16:00:00', timeZone: 'Europe/London' });
    expect(toLondonDateTime(new Date('2026-12-01T15:00:00Z'))).toEqual({ dateTime: '2026-12-01T15:00:00', timeZone: 'Europe/London' });
  });

  it('reads London and UTC date-times from Graph back as the same instants', () => {
    expect(fromGraphDateTime({ dateTime: '2026-10-14T16:00:00', timeZone: 'Europe/London' })).toEqual(new Date('2026-10-14T15:00:00Z'));
    expect(fromGraphDateTime({ dateTime: '2026-12-01T15:00:00.0000000', timeZone: 'UTC' })).toEqual(new Date('2026-12-01T15:00:00Z'));
  });
});
