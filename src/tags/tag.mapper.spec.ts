import { aTag } from '../testing/entities';
import { toTagResponse } from './tag.mapper';

describe('toTagResponse', () => {
  it('renders the wire shape: naive timestamps, no account or creator', () => {
    expect(toTagResponse(aTag())).toEqual({
      id: '1a2b3c4d-0000-4000-8000-000000000001',
      object: 'tag',
      color: '#ff0000',
      created_at: '2021-02-24T17:24:37',
      description: null,
      name: 'vip',
      updated_at: '2021-02-25T08:00:00',
    });
  });
});
