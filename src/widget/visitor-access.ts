import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { accountNotFound, identityNotVerified, notFound, originNotAllowed, tooManyRequests } from '../common/errors';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import { WidgetSecurity } from './entities/widget-security.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What the widget sends for an unset id (`String(undefined)`). */
const UNSET = ['', 'null', 'undefined'];

export const isUnset = (value: unknown) => value === undefined || value === null || UNSET.includes(String(value));
export const asUuid = (value: unknown): string | null =>
  typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;

/** HMAC-SHA256 of the external id with the account's secret, hex: what the customer's backend computes. */
export const identityHash = (secret: string, externalId: string) =>
  createHmac('sha256', secret).update(externalId).digest('hex');

/**
 * What a public widget request may touch. Visitors prove nothing but the ids they hold, so every id is checked
 * against the database: the account must exist (and accept the request's Origin when it restricts them), a
 * customer must be of that account, and writes count against the account's per-minute limit.
 */
@Injectable()
export class VisitorAccess {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly limiter: RateLimitService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** The account named by a public request; `write` also counts the request against the account's limit. */
  async account(accountId: unknown, request: FastifyRequest, { write = false } = {}): Promise<WidgetSecurity> {
    const id = asUuid(accountId);
    const [row] = id
      ? await this.db.query<{ exists: boolean; security: WidgetSecurity | null }[]>(
          `SELECT true AS exists, (SELECT to_jsonb(s) FROM widget_security s WHERE s.account_id = a.id) AS security
           FROM accounts a WHERE a.id = $1`,
          [id],
        )
      : [];
    if (!row) throw accountNotFound(String(accountId ?? ''));
    const security = toSecurity(id!, row.security as unknown as Record<string, unknown> | null);
    this.checkOrigin(security, request);
    if (write) await this.countWrite(id!);
    return security;
  }

  /** The customer, which must exist in the account (when given); another account's customer is a 404. */
  async customer(customerId: unknown, accountId?: string): Promise<{ id: string; accountId: string }> {
    const id = asUuid(customerId);
    const [row] = id
      ? await this.db.query<{ account_id: string }[]>(`SELECT account_id FROM customers WHERE id = $1`, [id])
      : [];
    if (!row || (accountId && row.account_id !== accountId)) throw notFound();
    return { id: id!, accountId: row.account_id };
  }

  /** With identity verification on, claiming an `external_id` takes `user_hash` = its HMAC. */
  verifyIdentity(security: WidgetSecurity, externalId: unknown, userHash: unknown): void {
    if (!security.identityVerification || isUnset(externalId)) return;
    if (!this.identityMatches(security, externalId, userHash)) throw identityNotVerified();
  }

  identityMatches(security: WidgetSecurity, externalId: unknown, userHash: unknown): boolean {
    if (!security.identitySecret || typeof userHash !== 'string') return false;
    const expected = Buffer.from(identityHash(security.identitySecret, String(externalId)));
    const given = Buffer.from(userHash.toLowerCase());
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** Browsers always send Origin on cross-origin requests; a request without one is not a widget page. */
  private checkOrigin(security: WidgetSecurity, request: FastifyRequest): void {
    const origin = request.headers.origin;
    if (!security.allowedOrigins.length || typeof origin !== 'string') return;
    if (!security.allowedOrigins.includes(origin.toLowerCase())) throw originNotAllowed();
  }

  private async countWrite(accountId: string): Promise<void> {
    const limit = this.config.widget.rateLimitPerAccount;
    if (limit <= 0) return;
    const state = await this.limiter.hit(`visitor-account:${accountId}`, limit);
    if (state.over) throw tooManyRequests(state.resetSeconds);
  }
}

function toSecurity(accountId: string, row: Record<string, unknown> | null): WidgetSecurity {
  return Object.assign(new WidgetSecurity(), {
    accountId,
    allowedOrigins: (row?.allowed_origins as string[] | undefined) ?? [],
    identityVerification: (row?.identity_verification as boolean | undefined) ?? false,
    identitySecret: (row?.identity_secret as string | null | undefined) ?? null,
  });
}
