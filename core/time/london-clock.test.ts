import { londonInstant, toLondonIsoString } from './london-clock';

describe('London wall-clock instants', () => {
  it('puts 15:45 in British Summer Time an hour before UTC', () => {
    expect(londonInstant('2026-10-06', '15:45').toISOString()).toBe('2026-10-06T14:45:00.000Z');
    expect(toLondonIsoString(londonInstant('2026-10-06', '15:45'))).toBe('2026-10-06T15:45:00+01:00');
  });

  it('puts 15:45 in Greenwich Mean Time at UTC', () => {
    expect(londonInstant('2026-11-10', '15:45').toISOString()).toBe('2026-11-10T15:45:00.000Z');
    expect(toLondonIsoString(londonInstant('2026-11-10', '15:45'))).toBe('2026-11-10T15:45:00+00:00');
  });

  it('uses the right offset on the days the clocks change', () => {
    expect(toLondonIsoString(londonInstant('2026-10-25', '15:45'))).toBe('2026-10-25T15:45:00+00:00');
    expect(toLondonIsoString(londonInstant('2027-03-28', '15:45'))).toBe('2027-03-28T15:45:00+01:00');
  });
});
