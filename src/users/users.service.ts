import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/errors';
import { assertIfMatch } from '../conditional-requests/if-match';
import { applyDateRange } from '../common/pagination/date-range';
import { Page } from '../common/pagination/page';
import { paginate } from '../common/pagination/paginate';
import { toColumns } from '../common/validation/record-fields';
import { ListUsersQuery } from './dto/list-users.query';
import { USER_PROFILE_COLUMNS, UserProfileFields } from './dto/user.dto';
import { MeResponse, UserResponse } from './dto/user.response';
import { UserProfile } from './entities/user-profile.entity';
import { User } from './entities/user.entity';
import { upsertByUser } from './upsert-by-user';
import { toMeResponse, toUserResponse } from './user.mapper';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(UserProfile) private readonly profiles: Repository<UserProfile>,
  ) {}

  /** The caller, as its credential resolved it (no query). */
  me(caller: AuthUser): MeResponse {
    return toMeResponse(caller);
  }

  /** The account's users that are not disabled, newest first, with their profiles. */
  async list(accountId: string, query: ListUsersQuery): Promise<Page<UserResponse>> {
    const rows = this.users
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.profile', 'profile')
      .where('u.accountId = :accountId AND u.disabledAt IS NULL', { accountId });
    if (query.email !== undefined) rows.andWhere('u.email = :email', { email: query.email });
    if (query.role) rows.andWhere('u.role = :role', { role: query.role });
    const order = {
      column: 'u.createdAt',
      idColumn: 'u.id',
      numericId: true,
      read: (u: User) => [u.createdAt, u.id] as [Date, number],
    };
    applyDateRange(rows, 'u', query);
    const page = await paginate(rows, order, query);
    return page.map(toUserResponse);
  }

  /** One user of the account (disabled ones too, as Papercups' get_user_info); anything else is a 404. */
  async get(accountId: string, id: number, manager = this.users.manager): Promise<UserResponse> {
    const user = await manager.findOne(User, { where: { id, accountId }, relations: { profile: true } });
    if (!user) throw notFound();
    return toUserResponse(user);
  }

  /** Gets or creates the caller's profile row and sets the fields sent (If-Match: against the user row locked). */
  updateProfile(accountId: string, userId: number, fields: UserProfileFields): Promise<UserResponse> {
    return this.users.manager.transaction(async (manager: EntityManager) => {
      await assertIfMatch(manager, User, { id: userId, accountId }, () => this.get(accountId, userId, manager));
      const columns = toColumns(fields, USER_PROFILE_COLUMNS);
      await upsertByUser(manager.getRepository(UserProfile), userId, columns);
      return this.get(accountId, userId, manager);
    });
  }
}
