import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { tooManyRequests } from '../common/errors';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { RateLimitService } from './rate-limit.service';

/** What a failure is counted against: the client IP always, the account (login email) when there is one. */
export interface FailureSubject {
  ip: string;
  email?: string;
}

const emailBucket = (email: string) =>
  `fail-email:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 40)}`;

/**
 * Failed logins and failed credential checks (unknown API keys and session tokens), counted per minute per
 * client IP (RATE_LIMIT_FAILED_AUTH_PER_IP_PER_MINUTE) and failed logins per account email
 * (RATE_LIMIT_FAILED_LOGINS_PER_MINUTE). Once a bucket is spent, the next attempt answers 429 before any
 * password or key is checked, so guessing stops for the rest of the minute whatever the guess.
 */
@Injectable()
export class AuthFailuresService {
  constructor(
    private readonly limiter: RateLimitService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** 429 if a bucket of this subject is spent. `exact` reads every instance's count (logins: rare, costly anyway). */
  async assertAllowed(subject: FailureSubject, exact = false): Promise<void> {
    for (const [bucket, limit] of this.buckets(subject)) {
      const state = await this.limiter.peek(bucket, limit, exact);
      if (state.over) throw tooManyRequests(state.resetSeconds);
    }
  }

  async record(subject: FailureSubject): Promise<void> {
    await Promise.all(this.buckets(subject).map(([bucket, limit]) => this.limiter.hit(bucket, limit)));
  }

  private buckets({ ip, email }: FailureSubject): [string, number][] {
    const { perIp, perAccount } = this.config.failedAuthPerMinute;
    const buckets: [string, number][] = [];
    if (perIp > 0) buckets.push([`fail-ip:${ip}`, perIp]);
    if (perAccount > 0 && email !== undefined) buckets.push([emailBucket(email), perAccount]);
    return buckets;
  }
}
