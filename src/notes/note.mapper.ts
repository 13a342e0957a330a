import { toNaive } from '../common/serialization/time';
import { toCustomerResponse } from '../customers/customer.mapper';
import { toUserResponse } from '../users/user.mapper';
import { NoteResponse } from './dto/note.response';
import { Note } from './entities/note.entity';

/**
 * Papercups' note.json with its `author` (user.json) and `customer` (customer.json without
 * associations) always loaded, on every route, so clients see one shape.
 */
export const toNoteResponse = (note: Note): NoteResponse => ({
  id: note.id,
  object: 'note',
  author: note.author ? toUserResponse(note.author) : null,
  author_id: note.authorId,
  body: note.body,
  content_type: note.contentType,
  created_at: toNaive(note.createdAt),
  customer: note.customer ? toCustomerResponse(note.customer) : null,
  customer_id: note.customerId,
  updated_at: toNaive(note.updatedAt),
});
