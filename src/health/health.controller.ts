import { Controller, Get, HttpStatus, Query, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/decorators';
import { ApiBare, ApiData } from '../openapi/decorators';
import { HealthResponse, PongResponse } from './dto/health.response';
import { HealthService } from './health.service';

/**
 * Probes: `/health/live` and `/health/ready` (outside the `/api` prefix, bare bodies, no envelope) and
 * Papercups' `GET /api/ping`. Public; their request lines are logged at debug level only.
 */
@Public()
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('health/live')
  @ApiOperation({ summary: 'Liveness: the process is up (no database access).' })
  @ApiBare(HealthResponse)
  live(@Res() reply: FastifyReply) {
    // @Res() bypasses the envelope interceptor: probes get a bare body.
    reply.header('cache-control', 'no-store').send(this.health.liveness());
  }

  @Get('health/ready')
  @ApiOperation({ summary: 'Readiness: the database answers and all migrations are applied; 503 otherwise.' })
  @ApiBare(HealthResponse, HttpStatus.OK, 'Ready')
  @ApiBare(
    HealthResponse,
    HttpStatus.SERVICE_UNAVAILABLE,
    'Not ready (database down, migrations pending, or shutting down)',
  )
  async ready(@Res() reply: FastifyReply) {
    const readiness = await this.health.readiness();
    reply
      .code(readiness.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .header('cache-control', 'no-store')
      .send(readiness);
  }

  /** Papercups' ping: echoes the query parameters. */
  @Get('ping')
  @ApiOperation({ summary: "Papercups' ping: answers Pong! and echoes any query parameters in `params`." })
  @ApiData(PongResponse)
  ping(@Query() params: Record<string, unknown>): PongResponse {
    return this.health.ping(params);
  }
}
