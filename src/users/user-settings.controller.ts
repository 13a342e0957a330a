import { Body, Controller, Get, Patch, Put } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/decorators';
import { UserSettingsBody } from './dto/user.dto';
import { toUserSettingsResponse } from './user-settings.mapper';
import { UserSettingsService } from './user-settings.service';
import { ApiData } from '../openapi/decorators';

/** The caller's notification settings; like profile, an optional `/:id` segment is ignored. */
@Controller({ path: 'user_settings', version: '1' })
export class UserSettingsController {
  constructor(private readonly settings: UserSettingsService) {}

  @ApiData('UserSettings')
  @Get(['', ':id'])
  async show(@CurrentUser() user: AuthUser) {
    return toUserSettingsResponse(await this.settings.getOrCreate(user.userId));
  }

  @ApiData('UserSettings')
  @Put(['', ':id'])
  async update(@CurrentUser() user: AuthUser, @Body() body: UserSettingsBody) {
    return toUserSettingsResponse(await this.settings.update(user.userId, body.user_settings));
  }

  @ApiData('UserSettings')
  @Patch(['', ':id'])
  patch(@CurrentUser() user: AuthUser, @Body() body: UserSettingsBody) {
    return this.update(user, body);
  }
}
