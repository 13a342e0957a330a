import { toNaive, toUtc } from '../common/serialization/time';
import { PersonalApiKey } from './entities/personal-api-key.entity';

/** `value` is the secret: present only in the create response, `null` afterwards (only its hash is kept). */
export const toPersonalApiKeyResponse = (key: PersonalApiKey, value: string | null = null) => ({
  id: key.id,
  object: 'personal_api_key',
  account_id: key.accountId,
  created_at: toNaive(key.createdAt),
  label: key.label,
  last_used_at: toUtc(key.lastUsedAt),
  prefix: key.keyPrefix,
  user_id: key.userId,
  value,
});
