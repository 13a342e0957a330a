import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SessionsService } from './sessions.service';

const EVERY_MS = 60 * 60 * 1000;

/** Deletes dead sessions (renew token expired) shortly after boot and then hourly, on every instance. */
@Injectable()
export class SessionPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(private readonly sessions: SessionsService) {}

  onApplicationBootstrap(): void {
    const run = () => void this.sessions.pruneExpired().catch(() => undefined);
    this.timer = setInterval(run, EVERY_MS);
    this.timer.unref();
    setTimeout(run, 10_000).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
