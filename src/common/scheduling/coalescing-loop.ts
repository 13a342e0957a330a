/**
 * A worker's round loop: `kick()` runs a round now, or once more right after the current one (kicks during a
 * round coalesce into one), and with nothing to do it runs again after `idleMs`. `stop()` waits for the round
 * in progress.
 */
export class CoalescingLoop {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private halted = false;

  constructor(
    private readonly round: () => Promise<void>,
    private readonly idleMs: () => number,
  ) {}

  get stopped(): boolean {
    return this.halted;
  }

  kick(): void {
    if (this.halted) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.halted) return;
      if (this.again) {
        this.again = false;
        this.kick();
      } else {
        this.timer = setTimeout(() => this.kick(), this.idleMs());
      }
    });
  }

  async stop(): Promise<void> {
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
