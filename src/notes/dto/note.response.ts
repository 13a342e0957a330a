import { ApiSchema } from '@nestjs/swagger';
import { CustomerResponse } from '../../customers/dto/customer.response';
import { Example, IntegerProperty, NaiveProperty, ObjectProperty, UuidProperty } from '../../openapi/properties';
import { UserResponse } from '../../users/dto/user.response';

/**
 * Papercups' note.json with its `author` (user.json) and `customer` (customer.json without
 * associations) always loaded, on every route, so clients see one shape.
 */
@ApiSchema({ name: 'Note' })
export class NoteResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('note') object!: 'note';
  author!: UserResponse | null;
  @IntegerProperty() author_id!: number;
  @Example('Prefers email.') body!: string;
  @Example('text') content_type!: string;
  @NaiveProperty() created_at!: string;
  customer!: CustomerResponse | null;
  @UuidProperty() customer_id!: string;
  @NaiveProperty() updated_at!: string;
}
