import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiData } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';

/** `GET /api/me` (session token) and `GET /api/v1/me` (API key), as Papercups answers them. */
@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'me', version: ['1', VERSION_NEUTRAL] })
export class MeController {
  @ApiData('Me')
  @Get()
  me(@CurrentUser() user: AuthUser) {
    return { id: user.userId, account_id: user.accountId, email: user.email, role: user.role };
  }
}
