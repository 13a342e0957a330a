import { Body, Controller, Get, Patch, Put } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UserProfileBody } from './dto/user.dto';
import { toUserResponse } from './user.mapper';
import { UsersService } from './users.service';
import { ApiData } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';

/**
 * The caller's profile, rendered as the user object. Papercups' v1 routes need a dummy `/:id` segment
 * (`/api/v1/profile/me`); it is accepted and ignored, and the bare path works too.
 */
@Credential('api-key')
@Controller({ path: 'profile', version: '1' })
export class ProfileController {
  constructor(private readonly users: UsersService) {}

  @ApiData('User')
  @Get(['', ':id'])
  async show(@CurrentUser() user: AuthUser) {
    return toUserResponse(await this.users.findOrFail(user.accountId, user.userId));
  }

  @ApiData('User')
  @Put(['', ':id'])
  async update(@CurrentUser() user: AuthUser, @Body() body: UserProfileBody) {
    return toUserResponse(await this.users.updateProfile(user.accountId, user.userId, body.user_profile));
  }

  @ApiData('User')
  @Patch(['', ':id'])
  patch(@CurrentUser() user: AuthUser, @Body() body: UserProfileBody) {
    return this.update(user, body);
  }
}
