import { ApiSchema } from '@nestjs/swagger';
import { Example, NaiveProperty, ObjectProperty, UuidProperty } from '../../openapi/properties';

/** Papercups' inbox.json, with the timestamps every record here carries. */
@ApiSchema({ name: 'Inbox' })
export class InboxResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('inbox') object!: 'inbox';
  @UuidProperty() account_id!: string;
  @NaiveProperty() created_at!: string;
  @Example('Where every conversation lands by default.') description!: string | null;
  @Example(true) is_primary!: boolean;
  @Example(false) is_private!: boolean;
  @Example('Primary Inbox') name!: string;
  slug!: string | null;
  @NaiveProperty() updated_at!: string;
}
