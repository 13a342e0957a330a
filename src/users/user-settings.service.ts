import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { assertIfMatch } from '../conditional-requests/if-match';
import { toColumns } from '../common/validation/record-fields';
import { USER_SETTINGS_COLUMNS, UserSettingsFields } from './dto/user.dto';
import { UserSettingsResponse } from './dto/user-settings.response';
import { User } from './entities/user.entity';
import { UserSettings } from './entities/user-settings.entity';
import { upsertByUser } from './upsert-by-user';
import { toUserSettingsResponse } from './user-settings.mapper';

@Injectable()
export class UserSettingsService {
  constructor(@InjectRepository(UserSettings) private readonly settings: Repository<UserSettings>) {}

  /** The caller's settings, created with the defaults on first use (race-safe: ON CONFLICT). */
  get(userId: number): Promise<UserSettingsResponse> {
    return this.upsert(this.settings.manager, userId, {});
  }

  /** Creates or updates the row with the fields sent (If-Match: against the user row locked). */
  update(userId: number, fields: UserSettingsFields): Promise<UserSettingsResponse> {
    return this.settings.manager.transaction(async (manager) => {
      await assertIfMatch(manager, User, { id: userId }, () => this.upsert(manager, userId, {}));
      return this.upsert(manager, userId, fields);
    });
  }

  private async upsert(manager: EntityManager, userId: number, fields: UserSettingsFields) {
    const settings = manager.getRepository(UserSettings);
    await upsertByUser(settings, userId, toColumns(fields, USER_SETTINGS_COLUMNS));
    return toUserSettingsResponse(await settings.findOneByOrFail({ userId }));
  }
}
