import { Body, Controller, Get, Patch, Put, VERSION_NEUTRAL } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UserSettingsBody } from './dto/user.dto';
import { UserSettingsResponse } from './dto/user-settings.response';
import { UserSettingsService } from './user-settings.service';
import { ApiData } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';

/** The caller's notification settings; like profile, an optional `/:id` segment is ignored. */
@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'user_settings', version: ['1', VERSION_NEUTRAL] })
export class UserSettingsController {
  constructor(private readonly settings: UserSettingsService) {}

  @ApiData(UserSettingsResponse)
  @Get(['', ':id'])
  show(@CurrentUser() user: AuthUser): Promise<UserSettingsResponse> {
    return this.settings.get(user.userId);
  }

  @ApiData(UserSettingsResponse)
  @Put(['', ':id'])
  update(@CurrentUser() user: AuthUser, @Body() body: UserSettingsBody): Promise<UserSettingsResponse> {
    return this.settings.update(user.userId, body.user_settings);
  }

  @ApiData(UserSettingsResponse)
  @Patch(['', ':id'])
  patch(@CurrentUser() user: AuthUser, @Body() body: UserSettingsBody): Promise<UserSettingsResponse> {
    return this.update(user, body);
  }
}
