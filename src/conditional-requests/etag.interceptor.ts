import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { Page } from '../common/pagination/page';
import { etagOf, withIfMatch } from './if-match';

export { etagOf } from './if-match';

/**
 * Optimistic concurrency for every resource at once. GETs of a single resource (and PUT/PATCH responses)
 * carry an ETag of the representation. A PUT/PATCH/DELETE's If-Match is handed to the handler's services,
 * which compare it inside their write transaction against the row locked there (`assertIfMatch`): one
 * request, one pass through the guards, and serialised by PostgreSQL across every instance.
 */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const tagged = (source: Observable<unknown>) =>
      source.pipe(
        map((result: unknown) => {
          // A streamed file (the CSV export) is not known until it is sent: no ETag rather than one that lies.
          if (result !== undefined && !(result instanceof Page) && !(result instanceof StreamableFile)) {
            reply.header('etag', etagOf(result));
          }
          return result;
        }),
      );
    const { method } = request;
    if (method === 'GET') return tagged(next.handle());
    if (!['PUT', 'PATCH', 'DELETE'].includes(method)) return next.handle();
    const ifMatch = request.headers['if-match'];
    if (typeof ifMatch !== 'string') return tagged(next.handle());
    // The handler's promise (and so its transaction) starts inside handle(): run it within the header's context.
    return tagged(new Observable((subscriber) => withIfMatch(ifMatch, () => next.handle().subscribe(subscriber))));
  }
}
