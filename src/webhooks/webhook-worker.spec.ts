import { MAX_RETRY_DELAY_MS, retryDelayMs } from './webhook-worker';

describe('retryDelayMs: the wait before the next attempt', () => {
  it.each([
    // [attempt that failed, random, delay]: base 1000 ms · 2^(attempt-1), from half of it (random 0) to all of it.
    [1, 0, 500],
    [1, 0.5, 750],
    [1, 0.999, 1000],
    [2, 0, 1000],
    [2, 0.5, 1500],
    [3, 0, 2000],
    [3, 0.25, 2500],
    [5, 0.5, 12000],
    [10, 0, 256000],
  ])('after attempt %i with random %d: %i ms', (attempt, random, delay) => {
    expect(retryDelayMs(1000, attempt, null, random)).toBe(delay);
  });

  it('scales with the base', () => {
    expect(retryDelayMs(100, 3, null, 0.5)).toBe(300);
    expect(retryDelayMs(30_000, 1, null, 0)).toBe(15_000);
  });

  it('rounds to whole milliseconds', () => {
    expect(retryDelayMs(3, 1, null, 0.5)).toBe(2); // 2.25
    expect(retryDelayMs(1, 1, null, 0.1)).toBe(1); // 0.525
  });

  it("waits at least the receiver's Retry-After", () => {
    expect(retryDelayMs(1000, 1, 60_000, 0.5)).toBe(60_000);
    expect(retryDelayMs(1000, 3, 1000, 0.5)).toBe(3000); // the backoff is longer: it wins
    expect(retryDelayMs(1000, 1, 0, 0)).toBe(500);
  });

  it('waits at most six hours, whatever the backoff or Retry-After says', () => {
    expect(MAX_RETRY_DELAY_MS).toBe(21_600_000);
    expect(retryDelayMs(1000, 30, null, 0)).toBe(21_600_000);
    expect(retryDelayMs(1000, 1, 7 * 86_400_000, 0)).toBe(21_600_000);
  });

  it('uses Math.random by default, within [half, all] of the backoff', () => {
    const delays = Array.from({ length: 200 }, () => retryDelayMs(1000, 4, null));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(4000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(8000);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });
});
