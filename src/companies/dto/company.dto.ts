import { FieldParams } from '../../common/validation/field-params';
import { JsonObject, NonNull, Optional, Required, Text, Wrapper } from '../../common/validation/fields';

const LONG_TEXT = 10_000;

/** Fields a client may set on a company. `account_id` is never one of them. */
export class CompanyParams extends FieldParams {
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

export class CreateCompanyParams extends CompanyParams {
  @Required() @Text() name!: string;
}

export class UpdateCompanyParams extends CompanyParams {
  @NonNull() @Text() name?: string;
}

export class CreateCompanyBody {
  @Wrapper(() => CreateCompanyParams) company!: CreateCompanyParams;
}

export class UpdateCompanyBody {
  @Wrapper(() => UpdateCompanyParams) company!: UpdateCompanyParams;
}
