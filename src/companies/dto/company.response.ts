import { ApiSchema } from '@nestjs/swagger';
import { Example, MetadataProperty, NaiveProperty, ObjectProperty, UuidProperty } from '../../openapi/properties';

@ApiSchema({ name: 'Company' })
export class CompanyResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('company') object!: 'company';
  @UuidProperty() account_id!: string;
  @NaiveProperty() created_at!: string;
  description!: string | null;
  external_id!: string | null;
  industry!: string | null;
  logo_image_url!: string | null;
  @MetadataProperty() metadata!: Record<string, unknown> | null;
  @Example('Acme') name!: string;
  slack_channel_id!: string | null;
  slack_channel_name!: string | null;
  slack_team_id!: string | null;
  slack_team_name!: string | null;
  @NaiveProperty() updated_at!: string;
  website_url!: string | null;
}
