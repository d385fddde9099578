import { SendPacer } from './send-pacer';

describe('SendPacer', () => {
  let now = 0;
  /** Three a second: starts at least 1000 / 3 / 2 ms apart. */
  const pacer = () => new SendPacer(3, () => now);
  beforeEach(() => {
    now = 10_000;
  });

  it('lets as many sends start as the rate allows, counting those in flight', () => {
    const p = pacer();
    expect(p.availableWithin(1_000)).toBe(3);
    p.begin();
    now += 200;
    p.begin();
    now += 200;
    expect(p.available()).toBe(1);
    p.begin();
    now += 200;
    expect(p.available()).toBe(0);
    expect(p.availableWithin(5_000)).toBe(0);
    expect(p.waitMs()).toBeGreaterThan(0);
  });

  it('keeps an accepted send for one second after its answer, then frees the slot', () => {
    const p = pacer();
    for (let i = 0; i < 3; i++) {
      p.begin();
      now += 200;
    }
    p.end(true);
    p.end(true);
    p.end(true);
    expect(p.available()).toBe(0);
    expect(p.waitMs()).toBe(1_000);
    now += 999;
    expect(p.available()).toBe(0);
    now += 1;
    expect(p.available()).toBe(1);
    expect(p.availableWithin(1_000)).toBe(3);
  });

  it('gives a refused or failed send its slot back at once', () => {
    const p = pacer();
    p.begin();
    now += 200;
    p.begin();
    p.end(false);
    expect(p.availableWithin(1_000)).toBe(2);
    p.end(true);
    expect(p.availableWithin(999)).toBe(2);
  });

  it("spaces starts half a slot's share of a second apart, so a second's budget is not spent in one burst", () => {
    const p = new SendPacer(50, () => now);
    expect(p.available()).toBe(1);
    p.begin();
    expect(p.available()).toBe(0);
    expect(p.waitMs()).toBe(10);
    now += 10;
    expect(p.available()).toBe(1);
    // Refused sends give their slots back, so starts may run at twice the rate for a while.
    expect(p.availableWithin(25)).toBe(3);
  });

  it('counts the starts within a lead time, so a sender can have their cards ready, and waits until one is that close', () => {
    const p = pacer();
    p.begin();
    p.end(true);
    now += 300;
    p.begin();
    p.end(true);
    now += 200;
    p.begin();
    expect(p.availableWithin(0)).toBe(0);
    expect(p.waitMs(25)).toBe(475);
    now += 475;
    expect(p.available()).toBe(0);
    expect(p.availableWithin(25)).toBe(1);
    expect(p.waitMs(25)).toBe(0);
    expect(p.waitMs()).toBe(25);
    now += 25;
    expect(p.available()).toBe(1);
    // A send in flight keeps its slot however far ahead one looks: only its answer can free it.
    expect(p.availableWithin(5_000)).toBe(2);
  });

  it('refuses a rate below one a second', () => {
    expect(() => new SendPacer(0)).toThrow('at least 1 per second');
  });
});
