import { Module } from '@nestjs/common';
import { IdempotencyService } from './idempotency.service';

/** The stored keys behind the global IdempotencyInterceptor (registered in AppModule). */
@Module({ providers: [IdempotencyService], exports: [IdempotencyService] })
export class IdempotencyModule {}
