import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { notFound } from '../common/errors';
import { applyDateRange } from '../common/pagination/date-range';
import { paginate } from '../common/pagination/paginate';
import { toEntityFields } from '../common/serialization/fields';
import { ListUsersQuery, UserProfileParams } from './dto/user.dto';
import { UserProfile } from './entities/user-profile.entity';
import { User } from './entities/user.entity';
import { toUserResponse } from './user.mapper';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(UserProfile) private readonly profiles: Repository<UserProfile>,
  ) {}

  /** The account's users that are not disabled, newest first, with their profiles. */
  async list(accountId: string, query: ListUsersQuery) {
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
  async findOrFail(accountId: string, id: number): Promise<User> {
    const user = await this.users.findOne({ where: { id, accountId }, relations: { profile: true } });
    if (!user) throw notFound();
    return user;
  }

  /** Gets or creates the caller's profile row and sets the fields sent, in one statement. */
  async updateProfile(accountId: string, userId: number, params: UserProfileParams): Promise<User> {
    const fields = toEntityFields<UserProfile>(params);
    const columns = Object.keys(params).filter((key) => (params as Record<string, unknown>)[key] !== undefined);
    const insert = this.profiles
      .createQueryBuilder()
      .insert()
      .into(UserProfile)
      .values({ ...fields, userId });
    if (columns.length) insert.orUpdate([...columns, 'updated_at'], ['user_id']);
    else insert.orIgnore();
    await insert.execute();
    return this.findOrFail(accountId, userId);
  }
}
