import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { map, Observable } from 'rxjs';
import { Page } from '../pagination/page';

/**
 * Controllers return bare objects; every success body leaves as `{"data": ...}`, lists with their
 * cursors beside it. `undefined` (a 204) stays empty.
 */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((result) => {
        if (result === undefined) return undefined;
        if (result instanceof Page) {
          const { data, next: after, previous, limit, total } = result;
          return { data, next: after, previous, limit, total };
        }
        return { data: result };
      }),
    );
  }
}
