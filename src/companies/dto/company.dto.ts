import { ColumnsOf, RecordFields } from '../../common/validation/record-fields';
import { JsonObject, NonNull, Optional, Required, Text, Wrapper } from '../../common/validation/fields';
import type { Company } from '../entities/company.entity';

const LONG_TEXT = 10_000;

/** Fields a client may set on a company. `account_id` is never one of them. */
export class CompanyFields extends RecordFields {
  @Optional() @Text() external_id?: string | null;
  @Optional() @Text(2048) website_url?: string | null;
  @Optional() @Text(LONG_TEXT) description?: string | null;
  @Optional() @Text(2048) logo_image_url?: string | null;
  @Optional() @Text() industry?: string | null;
  @Optional() @Text() slack_channel_id?: string | null;
  @Optional() @Text() slack_channel_name?: string | null;
  @Optional() @Text() slack_team_id?: string | null;
  @Optional() @Text() slack_team_name?: string | null;
  @Optional() @JsonObject() metadata?: Record<string, unknown> | null;
}

export class CreateCompanyFields extends CompanyFields {
  @Required() @Text() name!: string;
}

export class UpdateCompanyFields extends CompanyFields {
  @NonNull() @Text() name?: string;
}

export const COMPANY_COLUMNS: ColumnsOf<UpdateCompanyFields, Company> = {
  external_id: 'externalId',
  website_url: 'websiteUrl',
  description: 'description',
  logo_image_url: 'logoImageUrl',
  industry: 'industry',
  slack_channel_id: 'slackChannelId',
  slack_channel_name: 'slackChannelName',
  slack_team_id: 'slackTeamId',
  slack_team_name: 'slackTeamName',
  metadata: 'metadata',
  name: 'name',
};

export class CreateCompanyBody {
  @Wrapper(() => CreateCompanyFields) company!: CreateCompanyFields;
}

export class UpdateCompanyBody {
  @Wrapper(() => UpdateCompanyFields) company!: UpdateCompanyFields;
}
