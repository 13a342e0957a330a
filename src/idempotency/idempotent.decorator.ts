import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { IDEMPOTENT_KEY } from '../auth/route-policy';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * `Idempotency-Key` is honoured on this POST (see IdempotencyService). Declared per route, so that the
 * interceptor runs only where it can act: reads and public routes never pass through it. RoutePolicyCheck
 * refuses to boot when a POST that takes a credential does not declare it.
 */
export const Idempotent = () =>
  applyDecorators(SetMetadata(IDEMPOTENT_KEY, true), UseInterceptors(IdempotencyInterceptor));
