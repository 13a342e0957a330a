import { Injectable } from '@nestjs/common';
import { PgListener } from '../database/pg-listener';
import { EVENTS_CHANNEL } from './event-types';

type Listener = (accountId: string, seq: number) => void;

/**
 * NOTIFY `<account_id>:<cursor>` for every committed event, from whichever instance wrote it, so streams and
 * delivery workers wake up. Notifications only wake readers up: what to send is always read back from the
 * log, so a lost notification (listener reconnect) costs latency, never an event.
 */
@Injectable()
export class EventNotifications {
  private readonly listeners = new Set<Listener>();

  constructor(listener: PgListener) {
    listener.listen(EVENTS_CHANNEL, {
      onNotification: (payload) => this.dispatch(payload),
      // Anything committed while we were not listening is picked up by this wake-up of everyone.
      onResume: () => {
        for (const listener of this.listeners) listener('*', 0);
      },
    });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private dispatch(payload: string): void {
    const at = payload.lastIndexOf(':');
    const accountId = payload.slice(0, at);
    const seq = Number(payload.slice(at + 1));
    for (const listener of this.listeners) listener(accountId, seq);
  }
}
