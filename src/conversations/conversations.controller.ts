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
  Version,
  VERSION_NEUTRAL,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CountResponse } from '../common/dto/ok.response';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { Page } from '../common/pagination/page';
import { ConversationsService } from './conversations.service';
import { CreateConversationBody, UpdateConversationBody } from './dto/conversation.dto';
import { ConversationExpandedResponse } from './dto/conversation-expanded.response';
import { ConversationResponse } from './dto/conversation.response';
import { ListConversationsQuery } from './dto/list-conversations.query';
import { ApiCreated, ApiData, ApiDeleted, ApiPage } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';
import { createdLocation } from '../common/http/location';
import { Idempotent } from '../idempotency/idempotent.decorator';

@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'conversations', version: ['1', VERSION_NEUTRAL] })
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @ApiPage(ConversationExpandedResponse)
  @Get()
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListConversationsQuery,
  ): Promise<Page<ConversationExpandedResponse>> {
    return this.conversations.list(user, query);
  }

  /** Declared before `:id` so "count" is never read as an id. */
  @ApiData(CountResponse)
  @Get('count')
  count(@CurrentUser() user: AuthUser, @Query() query: ListConversationsQuery): Promise<CountResponse> {
    return this.conversations.count(user, query);
  }

  /** API key only: `POST /api/conversations` is the widget's (Papercups' public create). */
  @ApiCreated(ConversationResponse)
  @Version('1')
  @Idempotent()
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateConversationBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConversationResponse> {
    const conversation = await this.conversations.create(user, body.conversation);
    reply.header('location', createdLocation(reply, conversation.id));
    return conversation;
  }

  @ApiData(ConversationExpandedResponse)
  @Get(':id')
  show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<ConversationExpandedResponse> {
    return this.conversations.get(user.accountId, id);
  }

  @ApiData(ConversationResponse)
  @Put(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: UuidParam,
    @Body() body: UpdateConversationBody,
  ): Promise<ConversationResponse> {
    return this.conversations.update(user.accountId, id, body.conversation, user.userId);
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @ApiData(ConversationResponse)
  @Patch(':id')
  patch(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: UpdateConversationBody,
  ): Promise<ConversationResponse> {
    return this.update(user, params, body);
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.conversations.remove(user.accountId, id);
  }
}
