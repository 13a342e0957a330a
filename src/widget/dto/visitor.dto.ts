import { IsOptional } from 'class-validator';
import { CreateCustomerFields } from '../../customers/dto/customer.dto';
import { Optional, Text, Uuid, Wrapper } from '../../common/validation/fields';
import { CreateConversationFields } from '../../conversations/dto/conversation.dto';

/**
 * `POST /api/customers` from the widget: the customer's fields plus `account_id`, and `user_hash` when the
 * account verifies identities. (The SDK's `last_seen` is not a column and is dropped, as Papercups does.)
 */
export class VisitorCustomerFields extends CreateCustomerFields {
  @Optional() @Uuid() account_id?: string;
  /** HMAC-SHA256(identity secret, external_id), hex; required with `external_id` under identity verification. */
  @Optional() @Text(128) user_hash?: string;
}

export class CreateVisitorCustomerBody {
  @Wrapper(() => VisitorCustomerFields) customer!: VisitorCustomerFields;
}

/** `PUT /api/customers/:id/metadata`: Papercups' metadata changeset (contact and browser fields only). */
export class UpdateVisitorMetadataBody {
  @Wrapper(() => VisitorCustomerFields) metadata!: VisitorCustomerFields;
}

/** `GET /api/customers/identify`: Papercups' filters, plus `user_hash` for verified identities. */
export class VisitorIdentifyQuery {
  @IsOptional() account_id?: string;
  @IsOptional() external_id?: string;
  @IsOptional() email?: string;
  @IsOptional() host?: string;
  @IsOptional() user_hash?: string;
}

export class VisitorAccountQuery {
  @IsOptional() account_id?: string;
}

/**
 * `POST /api/conversations`: a visitor's sets only `customer_id` and `inbox_id` (the rest is ignored); an
 * agent's (session) is the REST create, with every field and the optional initial `message`.
 */
export class VisitorConversationFields extends CreateConversationFields {
  @Optional() @Uuid() account_id?: string;
}

export class CreateVisitorConversationBody {
  @Wrapper(() => VisitorConversationFields) conversation!: VisitorConversationFields;
}

/** `GET /api/conversations/customer?customer_id=&account_id=&inbox_id=`. */
export class VisitorConversationsQuery {
  @IsOptional() account_id?: string;
  @IsOptional() customer_id?: string;
  @IsOptional() inbox_id?: string;
}

/** `DELETE /api/upload/:id?customer_id=`: the visitor that uploaded the file. */
export class VisitorFileQuery {
  @IsOptional() customer_id?: string;
}
