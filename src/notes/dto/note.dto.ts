import { IsOptional } from 'class-validator';
import { DateRangeQuery } from '../../common/pagination/date-range';
import { FieldParams } from '../../common/validation/field-params';
import { IntId, NonNull, Required, Text, Uuid, Wrapper } from '../../common/validation/fields';
import { MAX_BODY_LENGTH } from '../../messages/dto/message.dto';

export class CreateNoteParams extends FieldParams {
  @Required() @Text(MAX_BODY_LENGTH) body!: string;
  @Required() @Uuid() customer_id!: string;
  @NonNull() @Text(32) content_type?: string;
}

export class UpdateNoteParams extends FieldParams {
  @NonNull() @Text(MAX_BODY_LENGTH) body?: string;
  @NonNull() @Uuid() customer_id?: string;
  @NonNull() @Text(32) content_type?: string;
}

export class CreateNoteBody {
  @Wrapper(() => CreateNoteParams) note!: CreateNoteParams;
}

export class UpdateNoteBody {
  @Wrapper(() => UpdateNoteParams) note!: UpdateNoteParams;
}

export class ListNotesQuery extends DateRangeQuery {
  @IsOptional() @Uuid() customer_id?: string;
  @IsOptional() @IntId() author_id?: number;
}
