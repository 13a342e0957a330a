import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashToken, type AuthUser } from '../common/auth/auth-user';
import { tooManyRequests } from '../common/errors';
import { clientIp } from '../common/http/client-ip';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { RateLimitService } from './rate-limit.service';

/** The public auth routes, limited per client IP (brute force, mass registration). */
const AUTH_ROUTES = /^\/api\/(registration|session)(\/|\?|$)/;

/**
 * Runs after AuthGuard: `/api/v1` is limited per API key, the session routes per user, registration and
 * login per IP. Every limited response carries RateLimit-Limit/-Remaining/-Reset; a 429 adds Retry-After (the error filter).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimitService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: AuthUser }>();
    const bucketAndLimit = this.bucketOf(request);
    if (!bucketAndLimit) return true;
    const [bucket, limit] = bucketAndLimit;
    const state = await this.limiter.hit(bucket, limit);
    const reply = http.getResponse<FastifyReply>();
    reply.header('ratelimit-limit', state.limit);
    reply.header('ratelimit-remaining', state.remaining);
    reply.header('ratelimit-reset', state.resetSeconds);
    if (state.over) throw tooManyRequests(state.resetSeconds);
    return true;
  }

  private bucketOf(request: FastifyRequest & { user?: AuthUser }): [string, number] | undefined {
    if (AUTH_ROUTES.test(request.url)) {
      const limit = this.config.rateLimitAuthPerMinute;
      return limit > 0 ? [`ip:${clientIp(request)}`, limit] : undefined;
    }
    const limit = this.config.rateLimitPerMinute;
    if (limit <= 0 || !request.user) return undefined;
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(String(request.headers.authorization ?? ''))?.[1];
    // The key itself on /api/v1 (a user's keys are limited separately); the user on the session routes.
    return request.url.startsWith('/api/v1/') && bearer
      ? [`key:${hashToken(bearer).slice(0, 40)}`, limit]
      : [`user:${request.user.userId}`, limit];
  }
}
