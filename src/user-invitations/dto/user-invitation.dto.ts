import { Matches } from 'class-validator';
import { Nested, NonNull, Required, Text, Timestamp } from '../../common/validation/fields';
import { RecordFields } from '../../common/validation/record-fields';

export class UserInvitationFields extends RecordFields {
  /** Default: three days from now, as in Papercups. */
  @NonNull() @Timestamp() expires_at?: Date;
}

/** `{"user_invitation": {...}}`; the dashboard sends `{}`, and no body at all is fine too. */
export class CreateUserInvitationBody {
  @Nested(() => UserInvitationFields) user_invitation?: UserInvitationFields;
}

export class UpdateUserInvitationBody {
  @Nested(() => UserInvitationFields) user_invitation?: UserInvitationFields;
}

/** `POST /api/user_invitation_emails`: a flat `{"to_address": ...}`, as the dashboard sends it. */
export class UserInvitationEmailBody extends RecordFields {
  @Required()
  @Text()
  @Matches(/^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/, { message: 'has invalid format' })
  to_address!: string;
}
