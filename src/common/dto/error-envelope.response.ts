import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Example, IntegerProperty } from '../../openapi/properties';

@ApiSchema({ name: 'ErrorBody' })
export class ErrorBody {
  /** Only on 401, as Papercups sends it. */
  @IntegerProperty(401) code?: number;
  @IntegerProperty(422) status!: number;
  @Example('Unprocessable Entity') message!: string;
  /** Field errors, Ecto-style: field → messages (nested for nested fields). */
  @ApiProperty({ type: 'object', additionalProperties: true, example: { status: ['is invalid'] } })
  errors?: Record<string, unknown>;
  /** Also in the X-Request-Id header. */
  @Example('6f1c1f5e-7c2a-4f0e-a3c1-5d7e9b2f4a11') request_id!: string;
}

/** Every error, whatever the route: `{"error": {"status", "message", ..., "request_id"}}`. */
@ApiSchema({ name: 'ErrorEnvelope' })
export class ErrorEnvelope {
  error!: ErrorBody;
}
