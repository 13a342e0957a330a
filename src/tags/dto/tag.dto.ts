import { ColumnsOf, RecordFields } from '../../common/validation/record-fields';
import { NonNull, Optional, Required, Text, Uuid, Wrapper } from '../../common/validation/fields';
import type { Tag } from '../entities/tag.entity';

export class TagFields extends RecordFields {
  @Optional() @Text(10_000) description?: string | null;
  @Optional() @Text(32) color?: string | null;
}

export class CreateTagFields extends TagFields {
  @Required() @Text() name!: string;
}

export class UpdateTagFields extends TagFields {
  @NonNull() @Text() name?: string;
}

export const TAG_COLUMNS: ColumnsOf<UpdateTagFields, Tag> = {
  description: 'description',
  color: 'color',
  name: 'name',
};

export class CreateTagBody {
  @Wrapper(() => CreateTagFields) tag!: CreateTagFields;
}

export class UpdateTagBody {
  @Wrapper(() => UpdateTagFields) tag!: UpdateTagFields;
}

/** `POST /conversations/:id/tags` and `/customers/:id/tags`: a flat `{"tag_id": ...}`, as Papercups takes it. */
export class TagLinkBody extends RecordFields {
  @Required() @Uuid() tag_id!: string;
}
