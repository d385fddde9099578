import { SendPacer } from './send-pacer';

describe('SendPacer', () => {
  let now = 0;
  const pacer = () => new SendPacer(3, () => now);
  beforeEach(() => {
    now = 10_000;
  });

  it('lets as many sends start as the rate allows, counting those in flight', () => {
    const p = pacer();
    expect(p.available()).toBe(3);
    p.begin();
    p.begin();
    expect(p.available()).toBe(1);
    p.begin();
    expect(p.available()).toBe(0);
    expect(p.waitMs()).toBeGreaterThan(0);
  });

  it('keeps an accepted send for one second after its answer, then frees the slot', () => {
    const p = pacer();
    for (let i = 0; i < 3; i++) p.begin();
    now += 20;
    p.end(true);
    p.end(true);
    p.end(true);
    expect(p.available()).toBe(0);
    expect(p.waitMs()).toBe(1_000);
    now += 999;
    expect(p.available()).toBe(0);
    now += 1;
    expect(p.available()).toBe(3);
  });

  it('gives a refused or failed send its slot back at once', () => {
    const p = pacer();
    p.begin();
    p.begin();
    p.end(false);
    expect(p.available()).toBe(2);
    p.end(true);
    expect(p.available()).toBe(2);
  });

  it('refuses a rate below one a second', () => {
    expect(() => new SendPacer(0)).toThrow('at least 1 per second');
  });
});
