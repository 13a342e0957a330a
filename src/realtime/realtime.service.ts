import { Inject, Injectable } from '@nestjs/common';
import { LocalTopics } from './pubsub/local-topics';
import { BusMessage, REALTIME_BUS, RealtimeBus } from './pubsub/realtime-bus';

type ResumeListener = () => void;

/**
 * `broadcast(topic, event, payload)`: Phoenix's `Endpoint.broadcast!`. Every socket that joined the topic,
 * on every instance, receives `[null, null, topic, event, payload]`. Local sockets get it at once; the others
 * through the bus (PostgreSQL by default). Call it after the change has committed.
 */
@Injectable()
export class Realtime {
  private readonly resumeListeners: ResumeListener[] = [];

  constructor(
    private readonly topics: LocalTopics,
    @Inject(REALTIME_BUS) private readonly bus: RealtimeBus,
  ) {
    bus.subscribe({
      onMessage: ({ topic, event, payload }: BusMessage) => void topics.deliver(topic, event, payload),
      onResume: () => {
        for (const listener of this.resumeListeners) listener();
      },
    });
  }

  async broadcast(topic: string, event: string, payload: unknown): Promise<void> {
    this.topics.deliver(topic, event, payload);
    await this.bus.publish({ topic, event, payload });
  }

  /** Delivers to this instance's sockets only (a presence resync after the bus reconnected). */
  broadcastLocally(topic: string, event: string, payload: unknown): void {
    this.topics.deliver(topic, event, payload);
  }

  /** Called whenever the bus resumes after a gap in which broadcasts may have been lost. */
  onBusResume(listener: ResumeListener): void {
    this.resumeListeners.push(listener);
  }
}
