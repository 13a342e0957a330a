import { Body, Controller, Get, Patch, Put } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UserSettingsBody } from './dto/user.dto';
import { toUserSettingsResponse } from './user-settings.mapper';
import { UserSettingsService } from './user-settings.service';
import { ApiData } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';

/** The caller's notification settings; like profile, an optional `/:id` segment is ignored. */
@Credential('api-key')
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
