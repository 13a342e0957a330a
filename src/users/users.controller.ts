import { Controller, Get, Param, Query, VERSION_NEUTRAL } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { IntIdParam } from '../common/dto/int-id-param.dto';
import { Page } from '../common/pagination/page';
import { ListUsersQuery } from './dto/list-users.query';
import { UserResponse } from './dto/user.response';
import { UsersService } from './users.service';
import { ApiData, ApiPage } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';

@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'users', version: ['1', VERSION_NEUTRAL] })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiPage(UserResponse)
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListUsersQuery): Promise<Page<UserResponse>> {
    return this.users.list(user.accountId, query);
  }

  /** Papercups answers `{"data":null}` for a missing or foreign user; this is a 404 like every other resource. */
  @ApiData(UserResponse)
  @Get(':id')
  show(@CurrentUser() user: AuthUser, @Param() { id }: IntIdParam): Promise<UserResponse> {
    return this.users.get(user.accountId, id);
  }
}
