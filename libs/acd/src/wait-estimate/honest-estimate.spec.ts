import { announcement, type AnnouncedWait, honestEstimate, roundAnnouncedWait } from './honest-estimate';
import { UNBOUNDED_WAIT_MS } from './wait-predictor';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

const total = (announced: AnnouncedWait): number => announced.waitedMs + announced.remainingMs;

interface Announcement extends AnnouncedWait {
  /** Whether the caller had waited past the announcement before this one when it was made. */
  afterExpiry: boolean;
}

/**
 * A caller re-estimated every 10 s for 10 minutes, never served, while the predictor says `predict(waited)`.
 * Checks at every step that a standing announcement is returned unchanged and an expired one never is.
 */
function holdFor(predict: (waitedMs: number) => number, forMs = 10 * MINUTE, everyMs = 10 * SECOND): Announcement[] {
  const announcements: Announcement[] = [];
  let previous: AnnouncedWait | undefined;
  for (let waited = 0; waited <= forMs; waited += everyMs) {
    const result = honestEstimate({ predictedRemainingMs: predict(waited), waitedMs: waited, previous });
    expect(Number.isFinite(result.remainingMs)).toBe(true);
    expect(roundAnnouncedWait(result.remainingMs)).toBe(result.remainingMs);
    const expired = previous !== undefined && waited >= total(previous);
    if (previous === undefined || result.waitedMs !== previous.waitedMs) {
      announcements.push({ ...result, afterExpiry: expired });
    } else {
      expect(expired).toBe(false);
      expect(result).toEqual(previous);
    }
    previous = result;
  }
  return announcements;
}

/** Deterministic noise in [0, 1). */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function shrinkingNoisily(): (waitedMs: number) => number {
  const next = noise(42);
  let last = 8 * MINUTE;
  return () => {
    last = Math.max(0, last - next() * 20 * SECOND);
    return last;
  };
}

describe('roundAnnouncedWait', () => {
  it.each([
    [0, 0],
    [1, 5 * SECOND],
    [42 * SECOND, 45 * SECOND],
    [58 * SECOND, 60 * SECOND],
    [60 * SECOND, 60 * SECOND],
    [60 * SECOND + 1, 75 * SECOND],
    [87 * SECOND, 90 * SECOND],
    [299 * SECOND, 300 * SECOND],
    [300 * SECOND + 1, 6 * MINUTE],
    [12.3 * MINUTE, 13 * MINUTE],
    [Number.NaN, 0],
    [-5, 0],
  ])('says %p ms as %p ms', (ms, said) => {
    expect(roundAnnouncedWait(ms)).toBe(said);
  });
});

describe('honestEstimate', () => {
  it('first tells the prediction rounded up: "about a minute and a half"', () => {
    expect(honestEstimate({ predictedRemainingMs: 87 * SECOND, waitedMs: 0 })).toEqual({
      remainingMs: 90 * SECOND,
      waitedMs: 0,
    });
  });

  it('keeps a promise that has not run out when the forecast agrees or is better', () => {
    const previous = { remainingMs: 90 * SECOND, waitedMs: 0 };
    expect(honestEstimate({ predictedRemainingMs: 70 * SECOND, waitedMs: 30 * SECOND, previous })).toEqual(previous);
    expect(honestEstimate({ predictedRemainingMs: 5 * SECOND, waitedMs: 30 * SECOND, previous })).toEqual(previous);
    expect(honestEstimate({ predictedRemainingMs: 0, waitedMs: 0, previous: { remainingMs: 0, waitedMs: 0 } })).toEqual(
      {
        remainingMs: 0,
        waitedMs: 0,
      },
    );
  });

  it('tells a materially worse forecast at once', () => {
    const previous = { remainingMs: MINUTE, waitedMs: 0 };
    const revised = honestEstimate({ predictedRemainingMs: 5 * MINUTE, waitedMs: 10 * SECOND, previous });
    expect(revised).toEqual({ remainingMs: 5 * MINUTE, waitedMs: 10 * SECOND });
    expect(total(revised)).toBeGreaterThan(total(previous));
  });

  it('after the promise runs out with a forecast that shows no progress, grows the remaining part', () => {
    const previous = { remainingMs: 90 * SECOND, waitedMs: 0 };
    const next = honestEstimate({ predictedRemainingMs: 90 * SECOND, waitedMs: 95 * SECOND, previous });
    expect(next).toEqual({ remainingMs: 105 * SECOND, waitedMs: 95 * SECOND });
  });

  it('after the promise runs out with real progress, tells the shorter remaining wait, still a later total', () => {
    const previous = { remainingMs: 5 * MINUTE, waitedMs: 0 };
    const next = honestEstimate({ predictedRemainingMs: 20 * SECOND, waitedMs: 305 * SECOND, previous });
    // At least a tenth of the 305 s waited: 30.5 s, said as 35 s.
    expect(next).toEqual({ remainingMs: 35 * SECOND, waitedMs: 305 * SECOND });
    expect(total(next)).toBeGreaterThan(total(previous));
  });

  it('never re-tells the same figure when the promise of "any moment" runs out', () => {
    const previous = { remainingMs: 5 * SECOND, waitedMs: 20 * SECOND };
    const next = honestEstimate({ predictedRemainingMs: 0, waitedMs: 25 * SECOND, previous });
    expect(next.remainingMs).not.toBe(5 * SECOND);
    expect(total(next)).toBeGreaterThan(total(previous));
  });

  it('stays finite for garbage and for the "no estimate" figure, and can still grow past it', () => {
    const capped = honestEstimate({ predictedRemainingMs: Number.POSITIVE_INFINITY, waitedMs: Number.NaN });
    expect(capped).toEqual({ remainingMs: UNBOUNDED_WAIT_MS, waitedMs: 0 });
    const later = honestEstimate({
      predictedRemainingMs: Number.POSITIVE_INFINITY,
      waitedMs: UNBOUNDED_WAIT_MS + SECOND,
      previous: capped,
    });
    expect(later.remainingMs).toBeGreaterThan(UNBOUNDED_WAIT_MS);
    const garbage = honestEstimate({
      predictedRemainingMs: Number.NaN,
      waitedMs: Number.POSITIVE_INFINITY,
      previous: later,
    });
    expect(Number.isFinite(total(garbage))).toBe(true);
    expect(total(garbage)).toBeGreaterThan(total(later));
  });

  describe.each([
    ['flat at a minute and a half (the seed)', () => 90 * SECOND],
    ['flat at ten minutes', () => 10 * MINUTE],
    ['flat at zero (an agent shown idle never answers)', () => 0],
    ['shrinking linearly from five minutes', (waited: number) => Math.max(0, 5 * MINUTE - waited / 2)],
    ['halving every minute from four minutes', (waited: number) => 4 * MINUTE * Math.pow(0.5, waited / MINUTE)],
    [
      'stepping down from two minutes to twenty seconds',
      (waited: number) => (waited < 200 * SECOND ? 2 * MINUTE : 20 * SECOND),
    ],
  ])('a caller held 10 minutes while the forecast is %s', (_shape, predict) => {
    const announcements = holdFor(predict);

    it('hears a promised total that grows with every new announcement, and so never repeats', () => {
      expect(announcements.length).toBeGreaterThan(1);
      for (let i = 1; i < announcements.length; i++) {
        expect(total(announcements[i])).toBeGreaterThan(total(announcements[i - 1]));
        expect(announcements[i].remainingMs).not.toBe(announcements[i - 1].remainingMs);
      }
      expect(new Set(announcements.map(total)).size).toBe(announcements.length);
    });

    it('gets a new, larger total after every expiry', () => {
      const afterExpiry = announcements.filter((announcement) => announcement.afterExpiry);
      for (const announcement of afterExpiry) {
        const before = announcements[announcements.indexOf(announcement) - 1];
        expect(announcement.waitedMs).toBeGreaterThanOrEqual(total(before));
        expect(total(announcement)).toBeGreaterThan(total(before));
      }
    });

    it('never hears a figure again five minutes after hearing it', () => {
      for (const early of announcements) {
        for (const late of announcements) {
          if (late.waitedMs - early.waitedMs >= 5 * MINUTE) expect(late.remainingMs).not.toBe(early.remainingMs);
        }
      }
    });
  });

  it('keeps the rules under a noisy, shrinking forecast', () => {
    const announcements = holdFor(shrinkingNoisily());
    for (let i = 1; i < announcements.length; i++) {
      expect(total(announcements[i])).toBeGreaterThan(total(announcements[i - 1]));
      expect(announcements[i].remainingMs).not.toBe(announcements[i - 1].remainingMs);
    }
  });
});

describe('announcement', () => {
  const told: AnnouncedWait = { waitedMs: 10_000, remainingMs: 90_000 };

  it('counts down what is left of a promise that still stands', () => {
    expect(announcement({ predictedRemainingMs: 60_000, waitedMs: 40_000, previous: told })).toEqual({
      waitedMs: 40_000,
      remainingMs: 60_000,
    });
  });

  it('gives the new estimate once the promise has run out', () => {
    const next = announcement({ predictedRemainingMs: 90_000, waitedMs: 120_000, previous: told });
    expect(next).toEqual(honestEstimate({ predictedRemainingMs: 90_000, waitedMs: 120_000, previous: told }));
    expect(next.waitedMs + next.remainingMs).toBeGreaterThan(told.waitedMs + told.remainingMs);
  });

  it('is the first estimate when nothing was told before', () => {
    expect(announcement({ predictedRemainingMs: 61_000, waitedMs: 0 })).toEqual({ waitedMs: 0, remainingMs: 75_000 });
  });
});
