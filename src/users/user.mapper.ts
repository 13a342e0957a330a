import { toNaive, toUtc } from '../common/serialization/time';
import { User } from './entities/user.entity';

/** Papercups' user.json; profile fields are null when the user has no profile. */
export const toUserResponse = (user: User) => ({
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
