import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { Reflector } from '@nestjs/core';
import { hashToken } from '../auth/auth-user';
import { bearerToken } from '../auth/bearer-token';
import { routeCredential } from '../auth/route-policy';
import { badRequest } from '../common/errors';
import { IdempotencyService } from './idempotency.service';

/** JSON with sorted keys: the same body sent with its keys in another order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as never)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const requestHash = (request: FastifyRequest) =>
  createHash('sha256')
    .update(`${request.method} ${request.url}\n${canonical(request.body)}`)
    .digest('hex');

/** `Idempotency-Key` on an @Idempotent() POST, per credential (see IdempotencyService). Runs inside the envelope. */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = request.headers['idempotency-key'];
    if (key === undefined || !request.user) return next.handle();
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    // The credential that sent it: the API key on API-key routes, else the session's user.
    const apiKey = routeCredential(this.reflector, context) === 'api-key' && bearerToken(request.headers.authorization);
    const scope = apiKey ? `key:${hashToken(apiKey).slice(0, 64)}` : `user:${request.user.userId}`;
    const id = { accountId: request.user.accountId, scope, key };
    return from(
      this.idempotency.run(id, requestHash(request), reply, () =>
        lastValueFrom(next.handle(), { defaultValue: undefined }),
      ),
    );
  }
}
