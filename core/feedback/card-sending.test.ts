import { retryDelayMs } from './card-sending';

describe('retryDelayMs', () => {
  const outage = { ok: false as const, reason: 'transient' as const, message: '503' };

  it("waits as long as Teams' Retry-After asks", () => {
    expect(retryDelayMs({ ok: false, reason: 'throttled', message: '429', retryAfterMs: 3_000 }, 1)).toBe(3_000);
    expect(retryDelayMs({ ok: false, reason: 'throttled', message: '429', retryAfterMs: 3_000 }, 5)).toBe(3_000);
  });

  it('otherwise backs off from a quarter of a second, four times longer each try, at most a minute, give or take a quarter', () => {
    const expected = [250, 1_000, 4_000, 16_000, 60_000, 60_000];
    expected.forEach((ms, i) => {
      for (let sample = 0; sample < 50; sample++) {
        const delay = retryDelayMs(outage, i + 1);
        expect(delay).toBeGreaterThanOrEqual(ms * 0.75);
        expect(delay).toBeLessThanOrEqual(ms * 1.25);
      }
    });
  });
});
