import { Body, Controller, Get, Patch, Put } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/decorators';
import { UserSettingsBody } from './dto/user.dto';
import { UserSettingsResponse } from './dto/user-settings.response';
import { UserSettingsService } from './user-settings.service';
import { ApiData } from '../openapi/decorators';

/** The caller's notification settings; like profile, an optional `/:id` segment is ignored. */
@Controller({ path: 'user_settings', version: '1' })
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
