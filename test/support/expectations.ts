import type { TestAccount } from './factories';

// What responses look like: matchers and exact bodies the specs compare against (the factories that create
// records are in factories.ts).

/** Timestamp matchers for Papercups' two formats. */
export const NAIVE_TIMESTAMP = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
export const UTC_TIMESTAMP = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
export const UUID = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

export const NOT_AUTHENTICATED = { error: { code: 401, status: 401, message: 'Not authenticated' } };
export const NOT_FOUND = { error: { status: 404, message: 'Not found' } };

/** The 422 field-error envelope (request_id is checked and removed by TestResponse.json()). */
export const unprocessable = (errors: Record<string, unknown>) => ({
  error: { status: 422, message: 'Unprocessable Entity', errors },
});

/** The 400 envelope with field errors. */
export const badRequest = (errors: Record<string, unknown>, message = 'Bad Request') => ({
  error: { status: 400, message, errors },
});

/** Papercups' user.json for an account's profile-less user, as nested in messages. */
export const userView = (account: TestAccount, role = 'admin') => ({
  id: account.userId,
  object: 'user',
  archived_at: null,
  created_at: NAIVE_TIMESTAMP,
  disabled_at: null,
  display_name: null,
  email: account.email,
  full_name: null,
  profile_photo_url: null,
  role,
});
