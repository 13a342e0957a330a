import { toNaive } from '../common/serialization/time';
import { CannedResponseResponse } from './dto/canned-response.response';
import { CannedResponse } from './entities/canned-response.entity';

export const toCannedResponseResponse = (response: CannedResponse): CannedResponseResponse => ({
  id: response.id,
  object: 'canned_response',
  account_id: response.accountId,
  content: response.content,
  created_at: toNaive(response.createdAt),
  name: response.name,
  updated_at: toNaive(response.updatedAt),
});
