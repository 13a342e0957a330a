import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashToken } from '../auth/auth-user';
import { bearerToken } from '../auth/bearer-token';
import { routeCredential, routeRateLimit } from '../auth/route-policy';
import { tooManyRequests } from '../common/errors';
import { clientIp } from '../common/http/client-ip';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { RateLimitService } from './rate-limit.service';

/**
 * Runs after AuthGuard, on the route's declared policy: `@RateLimit('per-ip')` routes (registration, login)
 * per client IP; the others per API key on routes that take one (a user's keys are limited separately), per
 * user on session routes, not at all when unauthenticated. Every limited response carries
 * RateLimit-Limit/-Remaining/-Reset; a 429 adds Retry-After (the error filter).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimitService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucketAndLimit = this.bucketOf(context);
    if (!bucketAndLimit) return true;
    const [bucket, limit] = bucketAndLimit;
    const state = await this.limiter.hit(bucket, limit);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    reply.header('ratelimit-limit', state.limit);
    reply.header('ratelimit-remaining', state.remaining);
    reply.header('ratelimit-reset', state.resetSeconds);
    if (state.over) throw tooManyRequests(state.resetSeconds);
    return true;
  }

  private bucketOf(context: ExecutionContext): [string, number] | undefined {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const policy = routeRateLimit(this.reflector, context);
    if (policy === 'per-visitor') {
      const limit = this.config.widget.rateLimitPerIp;
      return limit > 0 ? [`visitor-ip:${clientIp(request)}`, limit] : undefined;
    }
    if (policy === 'per-ip') {
      const limit = this.config.rateLimitAuthPerMinute;
      return limit > 0 ? [`ip:${clientIp(request)}`, limit] : undefined;
    }
    const limit = this.config.rateLimitPerMinute;
    if (limit <= 0 || !request.user) return undefined;
    const key =
      routeCredential(this.reflector, context) === 'api-key' ? bearerToken(request.headers.authorization) : undefined;
    return key ? [`key:${hashToken(key).slice(0, 40)}`, limit] : [`user:${request.user.userId}`, limit];
  }
}
