import { UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * `Idempotency-Key` is honoured on this POST (see IdempotencyService). Declared per route, so that the
 * interceptor runs only where it can act: reads and public routes never pass through it.
 */
export const Idempotent = () => UseInterceptors(IdempotencyInterceptor);
