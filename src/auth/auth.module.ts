import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { CredentialsService } from './credentials.service';
import { RegistrationService } from './registration.service';
import { SessionsService } from './sessions.service';

/** Global so the app-wide AuthGuard can resolve credentials. */
@Global()
@Module({
  controllers: [AuthController],
  providers: [CredentialsService, RegistrationService, SessionsService],
  exports: [CredentialsService],
})
export class AuthModule {}
