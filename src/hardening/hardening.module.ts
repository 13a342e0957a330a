import { Module } from '@nestjs/common';
import { IdempotencyService } from './idempotency.service';
import { RateLimitService } from './rate-limit.service';

/** Services behind the global rate-limit guard and the idempotency interceptor (registered in AppModule). */
@Module({ providers: [RateLimitService, IdempotencyService], exports: [RateLimitService, IdempotencyService] })
export class HardeningModule {}
