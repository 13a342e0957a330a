import { Logger } from '@nestjs/common';

/**
 * Work done after the response (sending a mail), so an answer takes the same time whether or not the email
 * exists. Shutdown waits for what is still running.
 */
export class Background {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(what: string, work: () => Promise<void>): void {
    const task = work()
      .catch((error: Error) => this.logger.error(`${what} failed: ${error.message}`))
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
  }
}
