import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { EventNotifications } from '../events/event-notifications';
import { signedHeaders } from './signature';
import { postJson, PostResult } from './webhook-http';
import { webhookUrlProblem } from './webhook-url';

/** Deliveries claimed (and POSTed concurrently) per round. */
const BATCH = 20;
/** No retry waits longer than this, whatever the backoff or Retry-After says. */
export const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000;

interface Claimed {
  id: string;
  attempts: number;
  subscription_id: string;
  webhook_url: string;
  secret: string;
  type: string;
  payload: unknown;
}

/**
 * Claims due deliveries with FOR UPDATE SKIP LOCKED and leases them in the same statement: `next_attempt_at`
 * moves past the POST's timeout, so another instance (or this one after a crash) takes a delivery over only
 * once the lease has run out, and never while its POST can still be running. The result is written only if
 * the delivery is still at the claimed attempt. Thus several instances share the work, each delivery is
 * POSTed once per attempt, and a killed instance's deliveries are retried after their lease.
 */
const CLAIM_SQL = `
WITH due AS (
  SELECT d.id FROM webhook_deliveries d JOIN event_subscriptions s ON s.id = d.subscription_id
  WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND s.disabled_at IS NULL
  ORDER BY d.next_attempt_at
  LIMIT $1
  FOR UPDATE OF d SKIP LOCKED
)
UPDATE webhook_deliveries d
SET attempts = d.attempts + 1, last_attempt_at = now(), updated_at = now(),
    next_attempt_at = now() + $2 * interval '1 millisecond'
FROM due, event_subscriptions s, events e
WHERE d.id = due.id AND s.id = d.subscription_id AND e.id = d.event_id
RETURNING d.id, d.attempts, d.subscription_id, s.webhook_url, s.secret, e.type, e.payload`;

/** The attempt log, the delivery's next state and the subscription's failure run, in one statement. */
const RESULT_SQL = `
WITH delivery AS (
  UPDATE webhook_deliveries SET status = $5, next_attempt_at = now() + $6 * interval '1 millisecond', updated_at = now()
  WHERE id = $1 AND attempts = $7 AND status = 'pending'
  RETURNING id
), attempt AS (
  INSERT INTO webhook_delivery_attempts (delivery_id, status_code, error, duration_ms)
  SELECT id, $2, $3, $4 FROM delivery
)
UPDATE event_subscriptions s
SET consecutive_failures = CASE WHEN $8 THEN 0 ELSE s.consecutive_failures + 1 END,
    disabled_at = CASE WHEN NOT $8 AND s.consecutive_failures + 1 >= $9 THEN coalesce(s.disabled_at, now()) ELSE s.disabled_at END
FROM delivery WHERE s.id = $10`;

/**
 * The wait before attempt n+1, after attempt n failed: base·2^(n-1), with "equal jitter" (uniformly between
 * half and all of it; `random` in [0, 1)), at least the receiver's Retry-After, at most six hours.
 */
export function retryDelayMs(baseMs: number, attempt: number, retryAfterMs: number | null, random = Math.random()) {
  const exponential = baseMs * 2 ** (attempt - 1);
  const jittered = exponential / 2 + random * (exponential / 2);
  return Math.round(Math.min(MAX_RETRY_DELAY_MS, Math.max(jittered, retryAfterMs ?? 0)));
}

const retryable = (r: PostResult) => r.status === null || r.status >= 500 || r.status === 429 || r.status === 408;

@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WebhookWorker');
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private unsubscribe: () => void = () => {};

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: EventNotifications,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.notifications.subscribe(() => this.kick());
    this.kick();
  }

  /**
   * Stops claiming and waits for the POSTs in flight (at most WEBHOOK_TIMEOUT_MS) so their results are kept.
   * OnModuleDestroy, not OnApplicationShutdown: it must run before DatabaseModule closes the pool. (POSTs are
   * not aborted on shutdown on purpose: composing AbortSignal.any with AbortSignal.timeout lost timeouts
   * under load on Node 20, leaving a round hanging.)
   */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs a round now, or right after the current one. */
  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.kick();
      } else {
        this.timer = setTimeout(() => this.kick(), this.config.webhooks.pollIntervalMs);
      }
    });
  }

  private async round(): Promise<void> {
    try {
      while (!this.stopped) {
        // TypeORM answers an UPDATE … RETURNING with [rows, affected].
        const [claimed]: [Claimed[], number] = await this.db.query(CLAIM_SQL, [
          BATCH,
          2 * this.config.webhooks.timeoutMs + 1000,
        ]);
        await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
        if (claimed.length < BATCH) return;
      }
    } catch (error) {
      if (!this.stopped) this.logger.error(`delivery round failed: ${(error as Error).message}`);
    }
  }

  private async deliver(d: Claimed): Promise<void> {
    const { timeoutMs, maxAttempts, allowPrivateUrls, disableAfterFailures } = this.config.webhooks;
    const started = Date.now();
    const body = JSON.stringify({ event: d.type, payload: d.payload });
    const problem = await webhookUrlProblem(d.webhook_url, allowPrivateUrls);
    const result: PostResult = problem
      ? { status: null, body: '', retryAfterMs: null, error: `webhook_url ${problem}` }
      : await postJson(d.webhook_url, body, signedHeaders(d.secret, d.id, body), AbortSignal.timeout(timeoutMs));
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const retry = !ok && !problem && retryable(result) && d.attempts < maxAttempts;
    const status = ok ? 'succeeded' : retry ? 'pending' : 'failed';
    const error = ok ? null : (result.error ?? `HTTP ${result.status}`);
    // The URL's origin only: a path or query string may carry a receiver's token.
    this.logger[ok ? 'log' : 'warn']({
      msg: 'webhook attempt',
      delivery_id: d.id,
      subscription_id: d.subscription_id,
      event_type: d.type,
      target: URL.canParse(d.webhook_url) ? new URL(d.webhook_url).origin : null,
      attempt: d.attempts,
      status_code: result.status,
      duration_ms: Date.now() - started,
      outcome: status,
      error,
    });
    await this.db.query(RESULT_SQL, [
      d.id,
      result.status,
      error,
      Date.now() - started,
      status,
      retry ? retryDelayMs(this.config.webhooks.retryBaseMs, d.attempts, result.retryAfterMs) : 0,
      d.attempts,
      ok,
      disableAfterFailures,
      d.subscription_id,
    ]);
  }
}
