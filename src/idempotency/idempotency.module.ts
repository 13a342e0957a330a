import { Global, Module } from '@nestjs/common';
import { IdempotencyService } from './idempotency.service';

/** The stored keys behind IdempotencyInterceptor, which every module's @Idempotent() POSTs bind. */
@Global()
@Module({ providers: [IdempotencyService], exports: [IdempotencyService] })
export class IdempotencyModule {}
