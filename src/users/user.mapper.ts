import type { AuthUser } from '../auth/auth-user';
import { toNaive, toUtc } from '../common/serialization/time';
import { MeResponse, UserResponse } from './dto/user.response';
import { User } from './entities/user.entity';

/** Papercups' user.json; profile fields are null when the user has no profile. */
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
