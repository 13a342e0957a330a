import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { MeResponse } from './dto/user.response';
import { UsersService } from './users.service';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiData } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';

/** `GET /api/me` (session token) and `GET /api/v1/me` (API key), as Papercups answers them. */
@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'me', version: ['1', VERSION_NEUTRAL] })
export class MeController {
  constructor(private readonly users: UsersService) {}

  @ApiData(MeResponse)
  @Get()
  me(@CurrentUser() user: AuthUser): MeResponse {
    return this.users.me(user);
  }
}
