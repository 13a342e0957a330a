import { Body, Controller, Delete, Headers, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { clientIp } from '../common/http/client-ip';
import { sessionToken } from './bearer-token';
import { LoginBody } from './dto/login.dto';
import { EmptyResponse, SessionTokensResponse } from './dto/session.response';
import { RegistrationBody } from './dto/registration.dto';
import { RegistrationService } from './registration.service';
import { Public, RateLimit } from './route-policy';
import { SessionsService } from './sessions.service';
import { ApiBody, ApiHeader } from '@nestjs/swagger';
import { RegistrationPipe, ValidatedRegistration } from './registration.pipe';
import { ApiData, ApiError } from '../openapi/decorators';

/** Public, and limited per client IP (brute force, mass registration). Tokens come raw or as `Bearer <token>`. */
@Public()
@RateLimit('per-ip')
@Controller()
export class AuthController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly sessions: SessionsService,
  ) {}

  @ApiData(SessionTokensResponse)
  @ApiError(403, 'Registration is disabled (PAPERCUPS_REGISTRATION_DISABLED), or `invite_token` is unknown or expired.')
  @Post('registration')
  @HttpCode(HttpStatus.OK)
  @ApiBody({ type: RegistrationBody })
  register(@Body(RegistrationPipe) body: ValidatedRegistration): Promise<SessionTokensResponse> {
    return this.registration.register(body.user);
  }

  @ApiData(SessionTokensResponse)
  @ApiError(401, 'Wrong email or password.')
  @ApiError(429, 'Too many failed logins for this email or client IP (or too many requests from the IP).')
  @Post('session')
  @HttpCode(HttpStatus.OK)
  login(@Body() body: LoginBody, @Req() request: FastifyRequest): Promise<SessionTokensResponse> {
    return this.sessions.login(body.user.email, body.user.password, clientIp(request));
  }

  @ApiData(SessionTokensResponse)
  @ApiHeader({
    name: 'Authorization',
    required: true,
    description: 'The renew token (`pcr_…`), raw or as `Bearer <token>`.',
  })
  @ApiError(401, 'Unknown, used or expired renew token.')
  @Post('session/renew')
  @HttpCode(HttpStatus.OK)
  renew(
    @Req() request: FastifyRequest,
    @Headers('authorization') authorization?: string,
  ): Promise<SessionTokensResponse> {
    return this.sessions.renew(sessionToken(authorization) ?? '', clientIp(request));
  }

  @ApiData(EmptyResponse)
  @ApiHeader({ name: 'Authorization', required: false, description: 'The session token to end.' })
  @Delete('session')
  async logout(@Headers('authorization') authorization?: string): Promise<EmptyResponse> {
    const token = sessionToken(authorization);
    if (token) await this.sessions.close(token);
    return {};
  }
}
