import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { toColumns } from '../common/validation/record-fields';
import { USER_SETTINGS_COLUMNS, UserSettingsFields } from './dto/user.dto';
import { UserSettingsResponse } from './dto/user-settings.response';
import { UserSettings } from './entities/user-settings.entity';
import { upsertByUser } from './upsert-by-user';
import { toUserSettingsResponse } from './user-settings.mapper';

@Injectable()
export class UserSettingsService {
  constructor(@InjectRepository(UserSettings) private readonly settings: Repository<UserSettings>) {}

  /** The caller's settings, created with the defaults on first use (race-safe: ON CONFLICT). */
  get(userId: number): Promise<UserSettingsResponse> {
    return this.update(userId, {});
  }

  /** Creates or updates the row with the fields sent, in one statement. */
  async update(userId: number, fields: UserSettingsFields): Promise<UserSettingsResponse> {
    await upsertByUser(this.settings, userId, toColumns(fields, USER_SETTINGS_COLUMNS));
    return toUserSettingsResponse(await this.settings.findOneByOrFail({ userId }));
  }
}
