import type { AuthUser } from '../auth/auth-user';
import { toNaive, toUtc } from '../common/serialization/time';
import { MeResponse, UserResponse } from './dto/user.response';
import { UserProfile } from './entities/user-profile.entity';
import { User } from './entities/user.entity';

/** What toUserResponse reads of a user and of its profile: all a hot read selects for an embedded user. */
export const USER_RESPONSE_PROPERTIES = [
  'id',
  'archivedAt',
  'createdAt',
  'disabledAt',
  'email',
  'role',
] as const satisfies readonly (keyof User)[];
export const PROFILE_RESPONSE_PROPERTIES = [
  'displayName',
  'fullName',
  'profilePhotoUrl',
] as const satisfies readonly (keyof UserProfile)[];

/** Papercups' user.json; profile fields are null when the user has no profile (reads USER/PROFILE_RESPONSE_PROPERTIES). */
export const toUserResponse = (user: User): UserResponse => ({
  id: user.id,
  object: 'user',
  archived_at: toUtc(user.archivedAt),
  created_at: toNaive(user.createdAt),
  disabled_at: toUtc(user.disabledAt),
  display_name: user.profile?.displayName ?? null,
  email: user.email,
  full_name: user.profile?.fullName ?? null,
  profile_photo_url: user.profile?.profilePhotoUrl ?? null,
  role: user.role,
});

/** The caller as the credential resolved it (no query). */
export const toMeResponse = (user: AuthUser): MeResponse => ({
  id: user.userId,
  account_id: user.accountId,
  email: user.email,
  // AuthUser is read from users.role, which the users_role_check constraint keeps to USER_ROLES.
  role: user.role,
});
