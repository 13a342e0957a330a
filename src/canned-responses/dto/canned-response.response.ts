import { ApiSchema } from '@nestjs/swagger';
import { Example, NaiveProperty, ObjectProperty, UuidProperty } from '../../openapi/properties';

/** Papercups' canned_response.json (`id`, `name`, `content`) with the fields every record here carries. */
@ApiSchema({ name: 'CannedResponse' })
export class CannedResponseResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('canned_response') object!: 'canned_response';
  @UuidProperty() account_id!: string;
  @Example('Thanks for reaching out! We will get back to you shortly.') content!: string;
  @NaiveProperty() created_at!: string;
  @Example('greeting') name!: string;
  @NaiveProperty() updated_at!: string;
}
