import { ACCOUNT_ID, CREATED, UPDATED } from '../testing/entities';
import { PersonalApiKey } from './entities/personal-api-key.entity';
import { toPersonalApiKeyResponse, toPersonalApiKeyWithValueResponse } from './personal-api-key.mapper';

const key = Object.assign(new PersonalApiKey(), {
  id: '1a2b3c4d-0000-4000-8000-0000000000b1',
  label: 'CI',
  keyHash: 'f'.repeat(64),
  keyPrefix: 'pc_AbCdEfGh',
  lastUsedAt: null,
  userId: 7,
  accountId: ACCOUNT_ID,
  createdAt: CREATED,
  updatedAt: UPDATED,
});

describe('personal API key views', () => {
  it('listed and retrieved: the prefix, never the hash, `value: null`', () => {
    expect(toPersonalApiKeyResponse(key)).toEqual({
      id: key.id,
      object: 'personal_api_key',
      account_id: ACCOUNT_ID,
      created_at: '2021-02-24T17:24:37',
      label: 'CI',
      last_used_at: null,
      prefix: 'pc_AbCdEfGh',
      user_id: 7,
      value: null,
    });
  });

  it('created: the key itself, once', () => {
    expect(toPersonalApiKeyWithValueResponse(key, 'pc_AbCdEfGh-rest').value).toBe('pc_AbCdEfGh-rest');
  });
});
