import { Body, Controller, Delete, Headers, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { clientIp } from '../common/http/client-ip';
import { ApiData, ApiError } from '../openapi/decorators';
import type { AuthUser } from './auth-user';
import { sessionToken } from './bearer-token';
import { CurrentUser } from './current-user.decorator';
import { ChangePasswordBody } from './dto/change-password.dto';
import { EmptyResponse } from './dto/session.response';
import { Credential } from './route-policy';
import { SessionsService } from './sessions.service';

/** The caller's own password and sessions (session token only). */
@Credential('session')
@Controller()
export class AccountSecurityController {
  constructor(private readonly sessions: SessionsService) {}

  /** A new password; every other session of the caller ends, this one stays. */
  @ApiData(EmptyResponse)
  @ApiError(422, 'Wrong current password, or a new password that is too short or does not match its confirmation.')
  @ApiError(429, 'Too many wrong current passwords for this email or client IP.')
  @Put('password')
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordBody,
    @Req() request: FastifyRequest,
    @Headers('authorization') authorization: string,
  ): Promise<EmptyResponse> {
    await this.sessions.changePassword(user, body.user, sessionToken(authorization)!, clientIp(request));
    return {};
  }

  /** Log out everywhere: every session of the caller ends, this one included. */
  @ApiData(EmptyResponse)
  @Delete('sessions')
  async endAll(@CurrentUser() user: AuthUser): Promise<EmptyResponse> {
    await this.sessions.endSessions(user.userId);
    return {};
  }
}
