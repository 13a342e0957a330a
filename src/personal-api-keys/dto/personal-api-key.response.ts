import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import {
  Example,
  IntegerProperty,
  NaiveProperty,
  ObjectProperty,
  UtcProperty,
  UuidProperty,
} from '../../openapi/properties';

export abstract class PersonalApiKeyBase {
  @UuidProperty() id!: string;
  @ObjectProperty('personal_api_key') object!: 'personal_api_key';
  @UuidProperty() account_id!: string;
  @NaiveProperty() created_at!: string;
  @Example('My integration') label!: string;
  @UtcProperty() last_used_at!: string | null;
  @Example('pc_AbCd') prefix!: string;
  @IntegerProperty() user_id!: number;
}

/** A key as listed and retrieved: only its hash is kept, so `value` is always null. */
@ApiSchema({ name: 'PersonalApiKey' })
export class PersonalApiKeyResponse extends PersonalApiKeyBase {
  /** The key itself is only in the create response. */
  @ApiProperty({ type: 'string', nullable: true, enum: [null], example: null }) value!: null;
}

/** The create response: the only time the key itself is shown. */
@ApiSchema({ name: 'PersonalApiKeyWithValue' })
export class PersonalApiKeyWithValueResponse extends PersonalApiKeyBase {
  /** The key itself: shown here and never again. */
  @ApiProperty({ type: 'string', pattern: '^pc_', example: 'pc_AbCdEf…' }) value!: string;
}
