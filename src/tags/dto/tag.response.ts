import { ApiSchema } from '@nestjs/swagger';
import { Example, NaiveProperty, ObjectProperty, UuidProperty } from '../../openapi/properties';

@ApiSchema({ name: 'Tag' })
export class TagResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('tag') object!: 'tag';
  @Example('#ff0000') color!: string | null;
  @NaiveProperty() created_at!: string;
  description!: string | null;
  @Example('vip') name!: string;
  @NaiveProperty() updated_at!: string;
}
