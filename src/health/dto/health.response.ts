import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { EnumProperty } from '../../openapi/properties';

export const HEALTH_STATUSES = ['ok', 'unavailable'] as const;
export const DATABASE_STATES = ['up', 'down'] as const;
export const MIGRATION_STATES = ['up', 'pending', 'unknown'] as const;

@ApiSchema({ name: 'HealthChecks' })
export class HealthChecksResponse {
  @EnumProperty(DATABASE_STATES) database!: (typeof DATABASE_STATES)[number];
  @EnumProperty(MIGRATION_STATES) migrations!: (typeof MIGRATION_STATES)[number];
}

/** A probe's bare body: `checks` only from readiness. */
@ApiSchema({ name: 'Health' })
export class HealthResponse {
  @EnumProperty(HEALTH_STATUSES) status!: (typeof HEALTH_STATUSES)[number];
  checks?: HealthChecksResponse;
}

/** Papercups' ping. */
@ApiSchema({ name: 'Pong' })
export class PongResponse {
  @ApiProperty({ type: 'string', enum: ['Pong!'], example: 'Pong!' }) message!: 'Pong!';
  /** The query parameters, echoed. */
  @ApiProperty({ type: 'object', additionalProperties: true, example: {} }) params!: Record<string, unknown>;
}
