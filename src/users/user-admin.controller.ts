import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Credential, RequireRole } from '../auth/route-policy';
import { OkResponse } from '../common/dto/ok.response';
import { IntIdParam } from '../common/dto/int-id-param.dto';
import { ApiData, ApiError, ApiOk } from '../openapi/decorators';
import { UserRoleBody } from './dto/user-role.dto';
import { UserResponse } from './dto/user.response';
import { LAST_ADMIN, UserAdminService } from './user-admin.service';
import { UserRole } from './user.enums';
import { Idempotent } from '../idempotency/idempotent.decorator';

/** The dashboard's team settings (`/api`, session token): admins only. Papercups answers each with the user. */
@Credential('session')
@RequireRole(UserRole.Admin)
@ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'The last enabled admin of the account.', LAST_ADMIN)
@Controller('users')
export class UserAdminController {
  constructor(private readonly admin: UserAdminService) {}

  /** Their sessions and keys stop working at once. Not yourself (400). */
  @ApiData(UserResponse)
  @ApiError(HttpStatus.BAD_REQUEST, 'Yourself.', 'You cannot disable yourself.')
  @Idempotent()
  @Post(':id/disable')
  @HttpCode(HttpStatus.OK)
  disable(@CurrentUser() user: AuthUser, @Param() { id }: IntIdParam): Promise<UserResponse> {
    return this.admin.disable(user, id);
  }

  @ApiData(UserResponse)
  @ApiError(HttpStatus.BAD_REQUEST, 'Yourself.', 'You cannot enable yourself.')
  @Idempotent()
  @Post(':id/enable')
  @HttpCode(HttpStatus.OK)
  enable(@CurrentUser() user: AuthUser, @Param() { id }: IntIdParam): Promise<UserResponse> {
    return this.admin.enable(user, id);
  }

  /** Archived users are left out of the account's users and cannot log in. Not yourself (400). */
  @ApiData(UserResponse)
  @ApiError(HttpStatus.BAD_REQUEST, 'Yourself.', 'You cannot archive yourself.')
  @Idempotent()
  @Post(':id/archive')
  @HttpCode(HttpStatus.OK)
  archive(@CurrentUser() user: AuthUser, @Param() { id }: IntIdParam): Promise<UserResponse> {
    return this.admin.archive(user, id);
  }

  /** `{"role": "admin" | "user"}`; anything else is Papercups' 400. */
  @ApiData(UserResponse)
  @ApiError(HttpStatus.BAD_REQUEST, 'Not a role.', "Role must be either 'user' or 'admin'")
  @Put(':id/role')
  setRole(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IntIdParam,
    @Body() body: UserRoleBody,
  ): Promise<UserResponse> {
    return this.admin.setRole(user, id, body.role);
  }

  /** `{"data":{"ok":true}}` as Papercups answers; yourself too, unless you are the last admin. */
  @ApiOk()
  @Delete(':id')
  remove(@CurrentUser() user: AuthUser, @Param() { id }: IntIdParam): Promise<OkResponse> {
    return this.admin.remove(user, id);
  }
}
