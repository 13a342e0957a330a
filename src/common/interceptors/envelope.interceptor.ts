import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import { map, Observable } from 'rxjs';
import { NumberedPage } from '../pagination/numbered-page';
import { Page } from '../pagination/page';

/**
 * Controllers return bare objects; every success body leaves as `{"data": ...}`, lists with their
 * cursors beside it (or Papercups' page numbers). `undefined` (a 204) and streams (CSV exports) pass as they are.
 */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((result) => {
        if (result === undefined || result instanceof StreamableFile) return result;
        if (result instanceof Page) {
          const { data, next: after, previous, limit, total } = result;
          return { data, next: after, previous, limit, total };
        }
        if (result instanceof NumberedPage) {
          const { data, pageNumber, pageSize, totalEntries } = result;
          const totalPages = NumberedPage.totalPages(totalEntries, pageSize);
          return {
            data,
            page_number: pageNumber,
            page_size: pageSize,
            total_pages: totalPages,
            total_entries: totalEntries,
          };
        }
        return { data: result };
      }),
    );
  }
}
