import { RecordFields } from '../../common/validation/record-fields';
import { Required, Text } from '../../common/validation/fields';

/** Flat, as in Papercups: `{"label": "..."}`. */
export class CreatePersonalApiKeyBody extends RecordFields {
  @Required() @Text() label!: string;
}
