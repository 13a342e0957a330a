import { FieldParams } from '../../common/validation/field-params';
import { NonNull, Optional, Required, Text, Uuid, Wrapper } from '../../common/validation/fields';

export class TagParams extends FieldParams {
  @Optional() @Text(10_000) description?: string | null;
  @Optional() @Text(32) color?: string | null;
}

export class CreateTagParams extends TagParams {
  @Required() @Text() name!: string;
}

export class UpdateTagParams extends TagParams {
  @NonNull() @Text() name?: string;
}

export class CreateTagBody {
  @Wrapper(() => CreateTagParams) tag!: CreateTagParams;
}

export class UpdateTagBody {
  @Wrapper(() => UpdateTagParams) tag!: UpdateTagParams;
}

/** `POST /conversations/:id/tags` and `/customers/:id/tags`: a flat `{"tag_id": ...}`, as Papercups takes it. */
export class TagLinkBody extends FieldParams {
  @Required() @Uuid() tag_id!: string;
}
