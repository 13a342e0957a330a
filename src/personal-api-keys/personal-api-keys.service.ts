import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CredentialsService } from '../auth/credentials.service';
import { AuthUser, generateToken, hashToken } from '../auth/auth-user';
import { notFound, unprocessable } from '../common/errors';
import { assertIfMatch } from '../conditional-requests/if-match';
import { PersonalApiKeyResponse, PersonalApiKeyWithValueResponse } from './dto/personal-api-key.response';
import { PersonalApiKey } from './entities/personal-api-key.entity';
import { toPersonalApiKeyResponse, toPersonalApiKeyWithValueResponse } from './personal-api-key.mapper';

const KEY_PREFIX = 'pc_';
/** Every key fits the (unpaged) list. */
export const MAX_KEYS_PER_USER = 100;

@Injectable()
export class PersonalApiKeysService {
  constructor(
    @InjectRepository(PersonalApiKey) private readonly keys: Repository<PersonalApiKey>,
    private readonly credentials: CredentialsService,
  ) {}

  async list(owner: AuthUser): Promise<PersonalApiKeyResponse[]> {
    const keys = await this.keys.find({
      where: { userId: owner.userId, accountId: owner.accountId },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: MAX_KEYS_PER_USER,
    });
    return keys.map(toPersonalApiKeyResponse);
  }

  /** At most MAX_KEYS_PER_USER keys a user (so the list shows them all); the user row serialises creates. */
  create(owner: AuthUser, label: string): Promise<PersonalApiKeyWithValueResponse> {
    return this.keys.manager.transaction(async (manager) => {
      await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [owner.userId]);
      if ((await manager.countBy(PersonalApiKey, { userId: owner.userId })) >= MAX_KEYS_PER_USER) {
        throw unprocessable(`A user can have at most ${MAX_KEYS_PER_USER} personal API keys: delete one first`);
      }
      const value = generateToken(KEY_PREFIX);
      const key = await manager.save(
        manager.create(PersonalApiKey, {
          label,
          keyHash: hashToken(value),
          keyPrefix: value.slice(0, KEY_PREFIX.length + 8),
          userId: owner.userId,
          accountId: owner.accountId,
          lastUsedAt: null,
        }),
      );
      return toPersonalApiKeyWithValueResponse(key, value);
    });
  }

  async get(owner: AuthUser, id: string, manager = this.keys.manager): Promise<PersonalApiKeyResponse> {
    const key = await manager.findOneBy(PersonalApiKey, { id, userId: owner.userId, accountId: owner.accountId });
    if (!key) throw notFound();
    return toPersonalApiKeyResponse(key);
  }

  async remove(owner: AuthUser, id: string): Promise<void> {
    const where = { id, userId: owner.userId, accountId: owner.accountId };
    await this.keys.manager.transaction(async (manager) => {
      await assertIfMatch(manager, PersonalApiKey, where, () => this.get(owner, id, manager));
      const { affected } = await manager.delete(PersonalApiKey, where);
      if (!affected) throw notFound();
    });
    this.credentials.forgetApiKey(id);
  }
}
