import { toNaive, toUtc } from '../common/serialization/time';
import { PersonalApiKeyResponse, PersonalApiKeyWithValueResponse } from './dto/personal-api-key.response';
import { PersonalApiKey } from './entities/personal-api-key.entity';
import { secretResponse } from '../common/serialization/secret-response';

/** A key as listed and retrieved: only its hash is kept, so `value` is null. */
export const toPersonalApiKeyResponse = (key: PersonalApiKey): PersonalApiKeyResponse => ({
  id: key.id,
  object: 'personal_api_key',
  account_id: key.accountId,
  created_at: toNaive(key.createdAt),
  label: key.label,
  last_used_at: toUtc(key.lastUsedAt),
  prefix: key.keyPrefix,
  user_id: key.userId,
  value: null,
});

/** The create response, the only one with the key itself. */
export const toPersonalApiKeyWithValueResponse = (
  key: PersonalApiKey,
  value: string,
): PersonalApiKeyWithValueResponse => secretResponse({ ...toPersonalApiKeyResponse(key), value });
