import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { representation } from '../../conditional-requests/conditional-requests';
import { NumberedPage } from '../pagination/numbered-page';
import { Page } from '../pagination/page';

/** The wire form of a handler's result; a single resource is serialised here, with the ETag of those bytes. */
export function envelope(result: unknown, reply: FastifyReply): unknown {
  if (result === undefined || result instanceof StreamableFile) return result;
  if (result instanceof Page) {
    const { data, next, previous, limit, total } = result;
    return { data, next, previous, limit, total };
  }
  if (result instanceof NumberedPage) {
    const { data, pageNumber, pageSize, totalEntries } = result;
    return {
      data,
      page_number: pageNumber,
      page_size: pageSize,
      total_pages: NumberedPage.totalPages(totalEntries, pageSize),
      total_entries: totalEntries,
    };
  }
  return representation(reply, { data: result });
}

/**
 * Controllers return bare objects; every success body leaves as `{"data": ...}`, lists with their
 * cursors beside it (or Papercups' page numbers). `undefined` (a 204) and streams (CSV exports) pass as they are.
 */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(map((result) => envelope(result, reply)));
  }
}
