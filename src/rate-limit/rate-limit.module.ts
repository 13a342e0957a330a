import { Module } from '@nestjs/common';
import { RateLimitService } from './rate-limit.service';

/** The counters behind the global RateLimitGuard (registered in AppModule). */
@Module({ providers: [RateLimitService], exports: [RateLimitService] })
export class RateLimitModule {}
