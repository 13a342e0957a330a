import { Body, Controller, Get, Put } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Credential, RequireRole } from '../auth/route-policy';
import { ApiData } from '../openapi/decorators';
import { UserRole } from '../users/user.enums';
import { UpdateWidgetSecurityBody, WidgetSecurityResponse } from './dto/widget-security.dto';
import { WidgetSecurityService } from './widget-security.service';

/** Allowed origins and identity verification for the account's widget (admins; not in Papercups). */
@Credential('session')
@RequireRole('admin' as UserRole)
@Controller('widget_security')
export class WidgetSecurityController {
  constructor(private readonly security: WidgetSecurityService) {}

  @ApiData(WidgetSecurityResponse)
  @Get()
  show(@CurrentUser() user: AuthUser): Promise<WidgetSecurityResponse> {
    return this.security.get(user.accountId);
  }

  @ApiData(WidgetSecurityResponse)
  @Put()
  update(@CurrentUser() user: AuthUser, @Body() body: UpdateWidgetSecurityBody): Promise<WidgetSecurityResponse> {
    return this.security.update(user.accountId, body.widget_security);
  }
}
