import { toNaive } from '../common/serialization/time';
import { EventResponse } from './dto/event.response';
import { Event } from './entities/event.entity';

/** `cursor` is the account's sequence number, as a string: pass it back as `after` or `Last-Event-ID`. */
export const toEventResponse = (e: Event): EventResponse => ({
  id: e.id,
  object: 'event',
  account_id: e.accountId,
  created_at: toNaive(e.createdAt),
  cursor: String(e.seq),
  payload: e.payload,
  type: e.type,
});
