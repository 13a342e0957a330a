import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  VERSION_NEUTRAL,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Credential } from '../auth/route-policy';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { WholeListQuery } from '../common/pagination/date-range';
import { Page } from '../common/pagination/page';
import { ApiCreated, ApiData, ApiDeleted, ApiPage } from '../openapi/decorators';
import { CannedResponsesService } from './canned-responses.service';
import { CreateCannedResponseBody, UpdateCannedResponseBody } from './dto/canned-response.dto';
import { CannedResponseResponse } from './dto/canned-response.response';
import { createdLocation } from '../common/http/location';
import { Idempotent } from '../idempotency/idempotent.decorator';

/** The dashboard's saved replies (`/api`, session) and the same for integrations (`/api/v1`, API key). */
@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'canned_responses', version: ['1', VERSION_NEUTRAL] })
export class CannedResponsesController {
  constructor(private readonly responses: CannedResponsesService) {}

  @ApiPage(CannedResponseResponse)
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: WholeListQuery): Promise<Page<CannedResponseResponse>> {
    return this.responses.list(user.accountId, query);
  }

  @ApiCreated(CannedResponseResponse)
  @Idempotent()
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateCannedResponseBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CannedResponseResponse> {
    const created = await this.responses.create(user.accountId, body.canned_response);
    reply.header('location', createdLocation(reply, created.id));
    return created;
  }

  @ApiData(CannedResponseResponse)
  @Get(':id')
  show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<CannedResponseResponse> {
    return this.responses.get(user.accountId, id);
  }

  @ApiData(CannedResponseResponse)
  @Put(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: UuidParam,
    @Body() body: UpdateCannedResponseBody,
  ): Promise<CannedResponseResponse> {
    return this.responses.update(user.accountId, id, body.canned_response);
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @ApiData(CannedResponseResponse)
  @Patch(':id')
  patch(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: UpdateCannedResponseBody,
  ): Promise<CannedResponseResponse> {
    return this.update(user, params, body);
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.responses.remove(user.accountId, id);
  }
}
