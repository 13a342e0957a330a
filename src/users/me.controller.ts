import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/decorators';
import { MeResponse } from './dto/user.response';
import { UsersService } from './users.service';
import { ApiData } from '../openapi/decorators';

/** `GET /api/me` (session token) and `GET /api/v1/me` (API key), as Papercups answers them. */
@Controller({ path: 'me', version: ['1', VERSION_NEUTRAL] })
export class MeController {
  constructor(private readonly users: UsersService) {}

  @ApiData(MeResponse)
  @Get()
  me(@CurrentUser() user: AuthUser): MeResponse {
    return this.users.me(user);
  }
}
