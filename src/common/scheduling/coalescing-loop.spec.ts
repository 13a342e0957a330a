import { CoalescingLoop } from './coalescing-loop';

describe('CoalescingLoop', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('runs one round at a time: kicks during a round become exactly one more round', async () => {
    let rounds = 0;
    let release!: () => void;
    const loop = new CoalescingLoop(
      () => {
        rounds++;
        return new Promise<void>((resolve) => (release = resolve));
      },
      () => 60_000,
    );
    loop.kick();
    loop.kick();
    loop.kick();
    expect(rounds).toBe(1);
    release();
    await tick();
    expect(rounds).toBe(2);
    release();
    await tick();
    expect(rounds).toBe(2);
    await loop.stop();
  });

  it('runs again after the idle interval, and not at all once stopped', async () => {
    jest.useFakeTimers();
    try {
      let rounds = 0;
      const loop = new CoalescingLoop(
        async () => void rounds++,
        () => 1000,
      );
      loop.kick();
      await jest.advanceTimersByTimeAsync(999);
      expect(rounds).toBe(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(rounds).toBe(2);
      await loop.stop();
      expect(loop.stopped).toBe(true);
      loop.kick();
      await jest.advanceTimersByTimeAsync(5000);
      expect(rounds).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
