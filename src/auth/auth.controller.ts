import { Body, Controller, Delete, Headers, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { Public } from '../common/auth/decorators';
import { LoginBody } from './dto/login.dto';
import { RegistrationBody } from './dto/registration.dto';
import { RegistrationService } from './registration.service';
import { SessionsService } from './sessions.service';

/** Papercups sends the raw token; `Bearer <token>` is accepted too. */
const tokenFrom = (header: string | undefined) => header?.replace(/^Bearer\s+/i, '').trim() ?? '';

@Public()
@Controller()
export class AuthController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly sessions: SessionsService,
  ) {}

  @Post('registration')
  @HttpCode(HttpStatus.OK)
  register(@Body() body: RegistrationBody) {
    return this.registration.register(body.user);
  }

  @Post('session')
  @HttpCode(HttpStatus.OK)
  login(@Body() body: LoginBody) {
    return this.sessions.login(body.user.email, body.user.password);
  }

  @Post('session/renew')
  @HttpCode(HttpStatus.OK)
  renew(@Headers('authorization') authorization?: string) {
    return this.sessions.renew(tokenFrom(authorization));
  }

  @Delete('session')
  async logout(@Headers('authorization') authorization?: string) {
    const token = tokenFrom(authorization);
    if (token) await this.sessions.close(token);
    return {};
  }
}
