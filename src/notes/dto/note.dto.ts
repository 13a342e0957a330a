import { ColumnsOf, RecordFields } from '../../common/validation/record-fields';
import { NonNull, Required, Text, Uuid, Wrapper } from '../../common/validation/fields';
import { MAX_BODY_LENGTH } from '../../messages/dto/message.dto';
import type { Note } from '../entities/note.entity';

export class CreateNoteFields extends RecordFields {
  @Required() @Text(MAX_BODY_LENGTH) body!: string;
  @Required() @Uuid() customer_id!: string;
  @NonNull() @Text(32) content_type?: string;
}

export class UpdateNoteFields extends RecordFields {
  @NonNull() @Text(MAX_BODY_LENGTH) body?: string;
  @NonNull() @Uuid() customer_id?: string;
  @NonNull() @Text(32) content_type?: string;
}

export const NOTE_COLUMNS: ColumnsOf<UpdateNoteFields, Note> = {
  body: 'body',
  customer_id: 'customerId',
  content_type: 'contentType',
};

export class CreateNoteBody {
  @Wrapper(() => CreateNoteFields) note!: CreateNoteFields;
}

export class UpdateNoteBody {
  @Wrapper(() => UpdateNoteFields) note!: UpdateNoteFields;
}
