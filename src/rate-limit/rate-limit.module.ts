import { Module } from '@nestjs/common';
import { AuthFailuresService } from './auth-failures.service';
import { RateLimitService } from './rate-limit.service';

/** The counters behind the global RateLimitGuard (registered in AppModule) and the failed-auth limits. */
@Module({ providers: [RateLimitService, AuthFailuresService], exports: [RateLimitService, AuthFailuresService] })
export class RateLimitModule {}
