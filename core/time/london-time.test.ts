import { formatLondonDate, formatMeetingSlot } from './london-time';

describe('London time formatting', () => {
  it('writes dates the British way without commas', () => {
    expect(formatLondonDate(new Date('2026-10-14T15:00:00Z'))).toBe('Wed 14 Oct 2026');
    expect(formatLondonDate(new Date('2026-09-10T12:00:00Z'))).toBe('Thu 10 Sep 2026');
    expect(formatLondonDate(new Date('2027-03-09T12:00:00Z'))).toBe('Tue 9 Mar 2027');
  });

  it('shows British Summer Time and Greenwich Mean Time as the clock on the wall', () => {
    expect(formatMeetingSlot(new Date('2026-10-13T15:00:00Z'), new Date('2026-10-13T16:30:00Z'))).toBe('Tue 13 Oct 2026, 16:00–17:30');
    expect(formatMeetingSlot(new Date('2026-11-10T16:00:00Z'), new Date('2026-11-10T17:30:00Z'))).toBe('Tue 10 Nov 2026, 16:00–17:30');
  });
});
