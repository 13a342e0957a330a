/** A broadcast as it travels between instances. */
export interface BusMessage {
  topic: string;
  event: string;
  payload: unknown;
}

export interface BusSubscriber {
  /** A broadcast published by another instance. */
  onMessage(message: BusMessage): void;
  /** The bus reconnected: messages of the gap may be lost, so local state (presence) is re-sent. */
  onResume(): void;
}

/**
 * How broadcasts reach the other instances. The contract: `publish` delivers to every *other* instance's
 * subscriber (the caller delivers locally itself), in publish order per publisher, at most once. The
 * default is PostgreSQL LISTEN/NOTIFY (PostgresRealtimeBus); a broker (Redis, NATS) implements the same
 * interface and is bound to REALTIME_BUS instead.
 */
export interface RealtimeBus {
  publish(message: BusMessage): Promise<void>;
  subscribe(subscriber: BusSubscriber): void;
}

export const REALTIME_BUS = Symbol('REALTIME_BUS');
