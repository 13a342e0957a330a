import { aProfile, aUser } from '../testing/entities';
import { toMeResponse, toUserResponse } from './user.mapper';

describe('user views', () => {
  it('profile fields are null when the user has none', () => {
    expect(toUserResponse(aUser({ profile: null }))).toEqual({
      id: 7,
      object: 'user',
      archived_at: null,
      created_at: '2021-02-24T17:24:37',
      disabled_at: null,
      display_name: null,
      email: 'agent@example.com',
      full_name: null,
      profile_photo_url: null,
      role: 'admin',
    });
  });

  it('profile fields and UTC disabled/archived times when set', () => {
    const view = toUserResponse(
      aUser({ profile: aProfile({ profilePhotoUrl: 'https://example.com/a.png' }), disabledAt: new Date(0) }),
    );
    expect(view).toMatchObject({
      display_name: 'Alex',
      full_name: 'Alex Agent',
      profile_photo_url: 'https://example.com/a.png',
      disabled_at: '1970-01-01T00:00:00Z',
    });
  });

  it('me: the caller as the credential resolved it', () => {
    const caller = { userId: 7, accountId: 'acc', email: 'agent@example.com', role: 'user' as const };
    expect(toMeResponse(caller)).toEqual({ id: 7, account_id: 'acc', email: 'agent@example.com', role: 'user' });
  });
});
