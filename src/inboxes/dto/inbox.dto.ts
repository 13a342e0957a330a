import { Bool, NonNull, Optional, Required, Text, Wrapper } from '../../common/validation/fields';
import { RecordFields } from '../../common/validation/record-fields';

export class InboxFields extends RecordFields {
  @Optional() @Text(10_000) description?: string | null;
  /** `true` makes this the account's primary inbox (the previous one stops being it). */
  @NonNull() @Bool() is_primary?: boolean;
  @NonNull() @Bool() is_private?: boolean;
}

export class CreateInboxFields extends InboxFields {
  @Required() @Text() name!: string;
}

export class UpdateInboxFields extends InboxFields {
  @NonNull() @Text() name?: string;
}

export class CreateInboxBody {
  @Wrapper(() => CreateInboxFields) inbox!: CreateInboxFields;
}

export class UpdateInboxBody {
  @Wrapper(() => UpdateInboxFields) inbox!: UpdateInboxFields;
}
