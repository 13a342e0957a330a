import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CoalescingLoop } from '../common/scheduling/coalescing-loop';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { EventNotifications } from '../events/event-notifications';
import { signedHeaders } from './signature';
import { postJson, PostResult } from './webhook-http';
import { pinnedLookup, staticUrlProblem } from './webhook-url';

/** No retry waits longer than this, whatever the backoff or Retry-After says. */
export const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000;
/** Due deliveries looked at per claim, oldest first, before the per-account shares are taken from them. */
const CANDIDATES = 500;

interface Claimed {
  id: string;
  account_id: string;
  attempts: number;
  /** This claim's own mark (its transaction time, exact as text): a result only lands on the same claim. */
  claimed_at: string;
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
 * the delivery is still at the claimed attempt of the same claim (`last_attempt_at`: a redelivery resets
 * `attempts`, so the count alone would let a stale POST's result land on the next claim). Thus several instances share the work, each delivery is
 * POSTed once per attempt, and a killed instance's deliveries are retried after their lease.
 *
 * Fair across accounts: an account already at its share of this instance's POSTs in flight ($3/$4 give the
 * accounts in flight and their counts, $5 the share) is skipped, and no account gets more than what is left
 * of its share from one claim. An account whose receivers hang therefore holds at most its share of the
 * slots, and the others' deliveries are claimed as soon as they are due.
 */
const CLAIM_SQL = `
WITH busy AS (
  SELECT * FROM unnest($3::uuid[], $4::int[]) AS b(account_id, n)
), candidates AS (
  SELECT d.id, d.account_id, d.next_attempt_at FROM webhook_deliveries d
    JOIN event_subscriptions s ON s.id = d.subscription_id
    LEFT JOIN busy ON busy.account_id = d.account_id
  WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND s.disabled_at IS NULL AND coalesce(busy.n, 0) < $5
  ORDER BY d.next_attempt_at
  LIMIT ${CANDIDATES}
), shares AS (
  SELECT c.id, c.next_attempt_at FROM (
    SELECT c.*, row_number() OVER (PARTITION BY c.account_id ORDER BY c.next_attempt_at, c.id) AS rank FROM candidates c
  ) c LEFT JOIN busy ON busy.account_id = c.account_id
  WHERE c.rank <= $5 - coalesce(busy.n, 0)
), due AS (
  SELECT d.id FROM webhook_deliveries d JOIN shares ON shares.id = d.id
  WHERE d.status = 'pending' AND d.next_attempt_at <= now()
  ORDER BY shares.next_attempt_at
  LIMIT $1
  FOR UPDATE OF d SKIP LOCKED
)
UPDATE webhook_deliveries d
SET attempts = d.attempts + 1, last_attempt_at = now(), updated_at = now(),
    next_attempt_at = now() + $2 * interval '1 millisecond'
FROM due, event_subscriptions s, events e
WHERE d.id = due.id AND s.id = d.subscription_id AND e.id = d.event_id
RETURNING d.id, d.account_id, d.attempts, d.last_attempt_at::text AS claimed_at, d.subscription_id, s.webhook_url, s.secret,
          e.type, e.payload`;

/** The attempt log, the delivery's next state and the subscription's failure run, in one statement. */
const RESULT_SQL = `
WITH delivery AS (
  UPDATE webhook_deliveries SET status = $5, next_attempt_at = now() + $6 * interval '1 millisecond', updated_at = now()
  WHERE id = $1 AND attempts = $7 AND status = 'pending' AND last_attempt_at = $11::timestamptz
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

/**
 * The delivery loop of this instance. POSTs run independently (up to WEBHOOK_CONCURRENCY at once, at most
 * WEBHOOK_CONCURRENCY_PER_ACCOUNT of one account): whenever one ends, or an event is committed, or the poll
 * interval passes, the free slots are claimed again. No POST waits for another one to finish.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WebhookWorker');
  private readonly loop = new CoalescingLoop(
    () => this.claim(),
    () => this.config.webhooks.pollIntervalMs,
  );
  private unsubscribe: () => void = () => {};
  /** POSTs in flight, and how many per account. */
  private readonly inFlight = new Set<Promise<void>>();
  private readonly perAccount = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: EventNotifications,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.notifications.subscribe(() => this.loop.kick());
    this.loop.kick();
  }

  /**
   * Stops claiming and waits for the POSTs in flight (at most WEBHOOK_TIMEOUT_MS) so their results are kept.
   * OnModuleDestroy, not OnApplicationShutdown: it must run before DatabaseModule closes the pool.
   */
  async onModuleDestroy(): Promise<void> {
    this.unsubscribe();
    await this.loop.stop();
    await Promise.all(this.inFlight);
  }

  private async claim(): Promise<void> {
    const { concurrency, concurrencyPerAccount, timeoutMs } = this.config.webhooks;
    try {
      while (!this.loop.stopped) {
        const free = concurrency - this.inFlight.size;
        if (free <= 0) return;
        // TypeORM answers an UPDATE … RETURNING with [rows, affected].
        const [claimed]: [Claimed[], number] = await this.db.query(CLAIM_SQL, [
          free,
          2 * timeoutMs + 1000,
          [...this.perAccount.keys()],
          [...this.perAccount.values()],
          concurrencyPerAccount,
        ]);
        for (const delivery of claimed) this.start(delivery);
        if (claimed.length < free) return;
      }
    } catch (error) {
      if (!this.loop.stopped) this.logger.error(`delivery claim failed: ${(error as Error).message}`);
    }
  }

  private start(d: Claimed): void {
    this.perAccount.set(d.account_id, (this.perAccount.get(d.account_id) ?? 0) + 1);
    const running: Promise<void> = this.deliver(d)
      .catch((error: Error) => {
        if (!this.loop.stopped) this.logger.error(`delivery ${d.id} failed: ${error.message}`);
      })
      .finally(() => {
        this.inFlight.delete(running);
        const left = (this.perAccount.get(d.account_id) ?? 1) - 1;
        if (left > 0) this.perAccount.set(d.account_id, left);
        else this.perAccount.delete(d.account_id);
        this.loop.kick();
      });
    this.inFlight.add(running);
  }

  private async deliver(d: Claimed): Promise<void> {
    const { timeoutMs, maxAttempts, allowPrivateUrls, disableAfterFailures } = this.config.webhooks;
    const started = Date.now();
    const body = JSON.stringify({ event: d.type, payload: d.payload });
    // The address rule for IP literals here; a host name's addresses are checked as it is connected to.
    const problem = staticUrlProblem(d.webhook_url, allowPrivateUrls);
    const result: PostResult = problem
      ? { status: null, body: '', retryAfterMs: null, error: `webhook_url ${problem}` }
      : await postJson(d.webhook_url, body, signedHeaders(d.secret, d.id, body), {
          timeoutMs,
          lookup: pinnedLookup(allowPrivateUrls),
        });
    const refused = result.error?.includes('resolves to a private or loopback address') ?? false;
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const retry = !ok && !problem && !refused && retryable(result) && d.attempts < maxAttempts;
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
      d.claimed_at,
    ]);
  }
}
