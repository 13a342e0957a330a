import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IntegerProperty } from '../../openapi/properties';

/** `{"ok": true}`: an action with nothing else to report (tagging, untagging). */
@ApiSchema({ name: 'Ok' })
export class OkResponse {
  @ApiProperty({ type: 'boolean', enum: [true], example: true }) ok!: true;
}

/** `{"count": n}`: how many records the list filters match. */
@ApiSchema({ name: 'Count' })
export class CountResponse {
  @IntegerProperty(12) count!: number;
}
