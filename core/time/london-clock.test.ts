import { londonDate, londonInstant, toLondonIsoString } from './london-clock';

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

describe('londonDate', () => {
  it('turns the date at London midnight in both summer and winter, however often it is asked within the hour', () => {
    expect(londonDate(new Date('2026-06-30T22:10:00Z'))).toBe('2026-06-30');
    expect(londonDate(new Date('2026-06-30T22:59:59.999Z'))).toBe('2026-06-30');
    expect(londonDate(new Date('2026-06-30T23:00:00Z'))).toBe('2026-07-01');
    expect(londonDate(new Date('2026-06-30T23:45:00Z'))).toBe('2026-07-01');
    expect(londonDate(new Date('2026-12-31T23:59:59.999Z'))).toBe('2026-12-31');
    expect(londonDate(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01-01');
  });
});
