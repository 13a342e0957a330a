import { FieldParams } from '../../common/validation/field-params';
import { Required, Text } from '../../common/validation/fields';

/** Flat, as in Papercups: `{"label": "..."}`. */
export class CreatePersonalApiKeyBody extends FieldParams {
  @Required() @Text() label!: string;
}
