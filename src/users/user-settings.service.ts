import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { toEntityFields } from '../common/serialization/fields';
import { UserSettingsParams } from './dto/user.dto';
import { UserSettings } from './entities/user-settings.entity';

@Injectable()
export class UserSettingsService {
  constructor(@InjectRepository(UserSettings) private readonly settings: Repository<UserSettings>) {}

  /** The caller's settings, created with the defaults on first use (race-safe: ON CONFLICT). */
  async getOrCreate(userId: number): Promise<UserSettings> {
    await this.settings.createQueryBuilder().insert().into(UserSettings).values({ userId }).orIgnore().execute();
    return this.settings.findOneByOrFail({ userId });
  }

  /** Creates or updates the row with the fields sent, in one statement. */
  async update(userId: number, params: UserSettingsParams): Promise<UserSettings> {
    const fields = toEntityFields<UserSettings>(params);
    const columns = Object.keys(params).filter((key) => (params as Record<string, unknown>)[key] !== undefined);
    if (!columns.length) return this.getOrCreate(userId);
    await this.settings
      .createQueryBuilder()
      .insert()
      .into(UserSettings)
      .values({ ...fields, userId })
      .orUpdate([...columns, 'updated_at'], ['user_id'])
      .execute();
    return this.settings.findOneByOrFail({ userId });
  }
}
