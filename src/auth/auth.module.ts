import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { PasswordResetModule } from '../password-reset/password-reset.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { AccountSecurityController } from './account-security.controller';
import { AuthController } from './auth.controller';
import { CredentialsService } from './credentials.service';
import { RegistrationService } from './registration.service';
import { RoutePolicyCheck } from './route-policy.check';
import { SessionPruner } from './session-pruner';
import { SessionsService } from './sessions.service';

/** Registration, sessions and credential lookup; AppModule registers AuthGuard, which needs CredentialsService. */
@Module({
  imports: [DiscoveryModule, PasswordResetModule, RateLimitModule],
  controllers: [AuthController, AccountSecurityController],
  providers: [CredentialsService, RegistrationService, SessionsService, SessionPruner, RoutePolicyCheck],
  exports: [CredentialsService, SessionsService],
})
export class AuthModule {}
