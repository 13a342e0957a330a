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
  Res,
  VERSION_NEUTRAL,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Credential, RequireRole } from '../auth/route-policy';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { ApiCreated, ApiData, ApiDataList, ApiDeleted, ApiError } from '../openapi/decorators';
import { UserRole } from '../users/user.enums';
import { CreateInboxBody, UpdateInboxBody } from './dto/inbox.dto';
import { InboxResponse } from './dto/inbox.response';
import { InboxesService } from './inboxes.service';
import { createdLocation } from '../common/http/location';
import { Idempotent } from '../idempotency/idempotent.decorator';

/** Inboxes: everyone reads them; creating, changing and deleting one is for admins (as the dashboard shows it). */
@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'inboxes', version: ['1', VERSION_NEUTRAL] })
export class InboxesController {
  constructor(private readonly inboxes: InboxesService) {}

  @ApiDataList(InboxResponse)
  @Get()
  list(@CurrentUser() user: AuthUser): Promise<InboxResponse[]> {
    return this.inboxes.list(user.accountId);
  }

  /** Declared before `:id` so "primary" is never read as an id. */
  @ApiData(InboxResponse)
  @Get('primary')
  primary(@CurrentUser() user: AuthUser): Promise<InboxResponse> {
    return this.inboxes.primary(user.accountId);
  }

  @ApiCreated(InboxResponse)
  @RequireRole(UserRole.Admin)
  @Idempotent()
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateInboxBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InboxResponse> {
    const inbox = await this.inboxes.create(user.accountId, body.inbox);
    reply.header('location', createdLocation(reply, inbox.id));
    return inbox;
  }

  @ApiData(InboxResponse)
  @Get(':id')
  show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<InboxResponse> {
    return this.inboxes.get(user.accountId, id);
  }

  @ApiData(InboxResponse)
  @RequireRole(UserRole.Admin)
  @Put(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: UuidParam,
    @Body() body: UpdateInboxBody,
  ): Promise<InboxResponse> {
    return this.inboxes.update(user.accountId, id, body.inbox);
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @ApiData(InboxResponse)
  @RequireRole(UserRole.Admin)
  @Patch(':id')
  patch(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: UpdateInboxBody,
  ): Promise<InboxResponse> {
    return this.update(user, params, body);
  }

  /** The primary inbox cannot be deleted (a 422): make another one primary first. */
  @ApiDeleted()
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'The primary inbox.', 'Unprocessable Entity')
  @RequireRole(UserRole.Admin)
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.inboxes.remove(user.accountId, id);
  }
}
