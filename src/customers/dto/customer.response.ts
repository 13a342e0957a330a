import { IssueResponse } from '../../issues/dto/issue.response';
import { ApiSchema } from '@nestjs/swagger';
import { CompanyResponse } from '../../companies/dto/company.response';
import {
  DateProperty,
  Example,
  IntegerProperty,
  MetadataProperty,
  NaiveProperty,
  ObjectProperty,
  UtcProperty,
  UuidProperty,
} from '../../openapi/properties';
import { TagResponse } from '../../tags/dto/tag.response';

/** Papercups' customer basic.json, nested in messages: no visit details, no associations. */
@ApiSchema({ name: 'CustomerBasic' })
export class CustomerBasicResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('customer') object!: 'customer';
  @Example('Chrome') browser!: string | null;
  @UuidProperty() company_id!: string | null;
  @NaiveProperty() created_at!: string;
  @Example('https://example.com/pricing') current_url!: string | null;
  @Example('alex@example.com') email!: string | null;
  @Example('abc123') external_id!: string | null;
  @Example('example.com') host!: string | null;
  @MetadataProperty() metadata!: Record<string, unknown> | null;
  @Example('Alex') name!: string | null;
  @Example('Mac OS') os!: string | null;
  @Example('/pricing') pathname!: string | null;
  @Example('650-555-6789') phone!: string | null;
  profile_photo_url!: string | null;
  /** `name`, else `email`, else "Anonymous User". */
  @Example('Alex') title!: string;
  @NaiveProperty() updated_at!: string;
}

/** Papercups' customer.json without associations: basic plus visit details (nested in notes, conversations). */
@ApiSchema({ name: 'Customer' })
export class CustomerResponse extends CustomerBasicResponse {
  @Example('en-US') browser_language!: string | null;
  @Example('120.0') browser_version!: string | null;
  @DateProperty() first_seen!: string;
  @Example('203.0.113.7') ip!: string | null;
  @DateProperty() last_seen!: string;
  @UtcProperty() last_seen_at!: string;
  lib!: string | null;
  @IntegerProperty() screen_height!: number | null;
  @IntegerProperty() screen_width!: number | null;
  @Example('Europe/Paris') time_zone!: string | null;
}

/** customer.json with its company and tags: retrieve, create, update, and the customer events. */
@ApiSchema({ name: 'CustomerWithAssociations' })
export class CustomerWithAssociationsResponse extends CustomerResponse {
  company!: CompanyResponse | null;
  tags!: TagResponse[];
}

/** `GET /customers/:id`; `issues` only with `expand[]=issues`. */
export class CustomerShowResponse extends CustomerWithAssociationsResponse {
  issues?: IssueResponse[];
}

/** `GET /customers/identify`. */
@ApiSchema({ name: 'CustomerIdentity' })
export class CustomerIdentityResponse {
  /** The most recently updated match, or null. */
  @UuidProperty() customer_id!: string | null;
}
