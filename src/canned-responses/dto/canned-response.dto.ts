import { ColumnsOf, RecordFields } from '../../common/validation/record-fields';
import { NonNull, Required, Text, Wrapper } from '../../common/validation/fields';
import type { CannedResponse } from '../entities/canned-response.entity';

export class CreateCannedResponseFields extends RecordFields {
  @Required() @Text() name!: string;
  @Required() @Text(65_536) content!: string;
}

export class UpdateCannedResponseFields extends RecordFields {
  @NonNull() @Text() name?: string;
  @NonNull() @Text(65_536) content?: string;
}

export const CANNED_RESPONSE_COLUMNS: ColumnsOf<UpdateCannedResponseFields, CannedResponse> = {
  name: 'name',
  content: 'content',
};

export class CreateCannedResponseBody {
  @Wrapper(() => CreateCannedResponseFields) canned_response!: CreateCannedResponseFields;
}

export class UpdateCannedResponseBody {
  @Wrapper(() => UpdateCannedResponseFields) canned_response!: UpdateCannedResponseFields;
}
