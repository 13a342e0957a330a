import { Body, Controller, Get, Patch, Put, VERSION_NEUTRAL } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UserProfileBody } from './dto/user.dto';
import { UserResponse } from './dto/user.response';
import { UsersService } from './users.service';
import { ApiData } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';

/**
 * The caller's profile, rendered as the user object. Papercups' v1 routes need a dummy `/:id` segment
 * (`/api/v1/profile/me`); it is accepted and ignored, and the bare path works too.
 */
@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'profile', version: ['1', VERSION_NEUTRAL] })
export class ProfileController {
  constructor(private readonly users: UsersService) {}

  @ApiData(UserResponse)
  @Get(['', ':id'])
  show(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return this.users.get(user.accountId, user.userId);
  }

  @ApiData(UserResponse)
  @Put(['', ':id'])
  update(@CurrentUser() user: AuthUser, @Body() body: UserProfileBody): Promise<UserResponse> {
    return this.users.updateProfile(user.accountId, user.userId, body.user_profile);
  }

  @ApiData(UserResponse)
  @Patch(['', ':id'])
  patch(@CurrentUser() user: AuthUser, @Body() body: UserProfileBody): Promise<UserResponse> {
    return this.update(user, body);
  }
}
