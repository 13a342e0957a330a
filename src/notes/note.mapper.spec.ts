import { ACCOUNT_ID, aCustomer, aUser, CREATED, UPDATED } from '../testing/entities';
import { Note } from './entities/note.entity';
import { toNoteResponse } from './note.mapper';

const note = (fields: Partial<Note> = {}) =>
  Object.assign(new Note(), {
    id: '1a2b3c4d-0000-4000-8000-0000000000f1',
    accountId: ACCOUNT_ID,
    customerId: aCustomer().id,
    authorId: 7,
    body: 'Prefers email.',
    contentType: 'text',
    createdAt: CREATED,
    updatedAt: UPDATED,
    ...fields,
  });

describe('toNoteResponse', () => {
  it('with its author (user view) and customer (without associations)', () => {
    const view = toNoteResponse(note({ author: aUser(), customer: aCustomer({ name: 'Alex' }) }));
    expect(view).toMatchObject({
      object: 'note',
      author: { id: 7, object: 'user' },
      author_id: 7,
      body: 'Prefers email.',
      customer: { object: 'customer', title: 'Alex', first_seen: '2021-02-24' },
      created_at: '2021-02-24T17:24:37',
    });
    expect(view.customer).not.toHaveProperty('company');
  });

  it('null author and customer when they were not loaded', () => {
    expect(toNoteResponse(note())).toMatchObject({ author: null, customer: null });
  });
});
