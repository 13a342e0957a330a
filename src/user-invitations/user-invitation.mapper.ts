import { toNaive, toUtc } from '../common/serialization/time';
import { UserInvitationResponse } from './dto/user-invitation.response';
import { UserInvitation } from './entities/user-invitation.entity';

export const toUserInvitationResponse = (invitation: UserInvitation): UserInvitationResponse => ({
  id: invitation.id,
  object: 'user_invitation',
  account_id: invitation.accountId,
  created_at: toNaive(invitation.createdAt),
  expires_at: toUtc(invitation.expiresAt),
});
