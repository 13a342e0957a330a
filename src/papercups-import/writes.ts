/** At most `limit` writes in flight; the first failure stops new ones and is thrown once the rest settle. */
export class Writes {
  private readonly inflight = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;

  constructor(private readonly limit: number) {}

  /** Starts a write; false once one has failed (stop reading). */
  async add(write: () => Promise<void>): Promise<boolean> {
    const running: Promise<void> = write()
      .catch((error: unknown) => void (this.failure ??= { error }))
      .finally(() => this.inflight.delete(running));
    this.inflight.add(running);
    if (this.inflight.size >= this.limit) await Promise.race(this.inflight);
    return !this.failure;
  }

  async settle(): Promise<void> {
    await Promise.all(this.inflight);
    if (this.failure) throw this.failure.error;
  }
}
