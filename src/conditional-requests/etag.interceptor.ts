import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, map, Observable } from 'rxjs';
import { preconditionFailed } from '../common/errors';
import { Page } from '../common/pagination/page';

/** A strong validator of the representation: any change to what GET returns changes it. */
export const etagOf = (data: unknown) =>
  `"${createHash('sha256').update(JSON.stringify(data)).digest('base64url').slice(0, 27)}"`;

const matches = (header: string, etag: string) =>
  header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });

/**
 * Optimistic concurrency for every resource at once. GETs of a single resource (and PUT/PATCH responses)
 * carry an ETag; a PUT/PATCH/DELETE with If-Match first reads the current representation through the same
 * GET route (same credentials) and answers 412 if its ETag differs. Conditional writes to one URL are
 * serialized in this process, so two writers holding the same ETag cannot both pass.
 */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const tagResult = map((result: unknown) => {
      // A streamed file (the CSV export) is not known until it is sent: no ETag rather than one that lies.
      if (result !== undefined && !(result instanceof Page) && !(result instanceof StreamableFile)) {
        reply.header('etag', etagOf(result));
      }
      return result;
    });
    const { method } = request;
    if (method === 'GET') return next.handle().pipe(tagResult);
    if (!['PUT', 'PATCH', 'DELETE'].includes(method)) return next.handle();
    const ifMatch = request.headers['if-match'];
    if (typeof ifMatch !== 'string' || !request.user) return next.handle().pipe(tagResult);

    const lockKey = `${request.user.accountId} ${request.url.split('?')[0]}`;
    return from(
      this.serialized(lockKey, async () => {
        const current = await this.currentETag(request);
        if (current && !matches(ifMatch, current)) throw preconditionFailed();
        return lastValueFrom(next.handle(), { defaultValue: undefined });
      }),
    ).pipe(tagResult);
  }

  /** The ETag a GET of this URL would carry now; undefined when there is nothing to compare (404, no GET route). */
  private async currentETag(request: FastifyRequest): Promise<string | undefined> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const response = await fastify.inject({
      method: 'GET',
      url: request.url,
      headers: { authorization: request.headers.authorization ?? '' },
    });
    return response.statusCode === 200 ? (response.headers.etag as string | undefined) : undefined;
  }

  private async serialized<T>(key: string, run: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(run);
    this.locks.set(key, current);
    try {
      return await current;
    } finally {
      if (this.locks.get(key) === current) this.locks.delete(key);
    }
  }
}
