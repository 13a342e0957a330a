import { Body, Controller, Delete, Headers, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { Public } from '../common/auth/decorators';
import { LoginBody } from './dto/login.dto';
import { EmptyResponse, SessionTokensResponse } from './dto/session.response';
import { RegistrationBody } from './dto/registration.dto';
import { RegistrationService } from './registration.service';
import { SessionsService } from './sessions.service';
import { ApiHeader } from '@nestjs/swagger';
import { ApiData, ApiError } from '../openapi/decorators';

/** Papercups sends the raw token; `Bearer <token>` is accepted too. */
const tokenFrom = (header: string | undefined) => header?.replace(/^Bearer\s+/i, '').trim() ?? '';

@Public()
@Controller()
export class AuthController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly sessions: SessionsService,
  ) {}

  @ApiData(SessionTokensResponse)
  @ApiError(403, 'Registration is disabled (PAPERCUPS_REGISTRATION_DISABLED).')
  @Post('registration')
  @HttpCode(HttpStatus.OK)
  register(@Body() body: RegistrationBody): Promise<SessionTokensResponse> {
    return this.registration.register(body.user);
  }

  @ApiData(SessionTokensResponse)
  @ApiError(401, 'Wrong email or password.')
  @Post('session')
  @HttpCode(HttpStatus.OK)
  login(@Body() body: LoginBody): Promise<SessionTokensResponse> {
    return this.sessions.login(body.user.email, body.user.password);
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
  renew(@Headers('authorization') authorization?: string): Promise<SessionTokensResponse> {
    return this.sessions.renew(tokenFrom(authorization));
  }

  @ApiData(EmptyResponse)
  @ApiHeader({ name: 'Authorization', required: false, description: 'The session token to end.' })
  @Delete('session')
  async logout(@Headers('authorization') authorization?: string): Promise<EmptyResponse> {
    const token = tokenFrom(authorization);
    if (token) await this.sessions.close(token);
    return {};
  }
}
