import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Put } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Credential, RequireRole } from '../auth/route-policy';
import { ApiData, ApiDeleted } from '../openapi/decorators';
import { UserRole } from '../users/user.enums';
import { AccountsService } from './accounts.service';
import { AccountIdParam } from './dto/account-id-param.dto';
import { UpdateAccountBody } from './dto/account.dto';
import { AccountResponse } from './dto/account.response';

/** The dashboard's account settings (`/api` only, session token). Changing or deleting the account is for admins. */
@Credential('session')
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @ApiData(AccountResponse)
  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<AccountResponse> {
    return this.accounts.get(user.accountId);
  }

  /** `:id` is `me` or your account's id (anything else is a 404). */
  @ApiData(AccountResponse)
  @RequireRole(UserRole.Admin)
  @Put(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: AccountIdParam,
    @Body() body: UpdateAccountBody,
  ): Promise<AccountResponse> {
    return this.accounts.update(user.accountId, id, body.account);
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @ApiData(AccountResponse)
  @RequireRole(UserRole.Admin)
  @Patch(':id')
  patch(
    @CurrentUser() user: AuthUser,
    @Param() params: AccountIdParam,
    @Body() body: UpdateAccountBody,
  ): Promise<AccountResponse> {
    return this.update(user, params, body);
  }

  /** Deletes the account and everything in it. */
  @ApiDeleted()
  @RequireRole(UserRole.Admin)
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: AccountIdParam): Promise<void> {
    return this.accounts.remove(user.accountId, id);
  }
}
