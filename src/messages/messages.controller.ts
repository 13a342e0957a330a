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
import { CountResponse } from '../common/dto/ok.response';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { Page } from '../common/pagination/page';
import { CreateMessageBody, UpdateMessageBody } from './dto/message.dto';
import { MessageResponse } from './dto/message.response';
import { ListMessagesQuery } from './dto/list-messages.query';
import { MessagesService } from './messages.service';
import { ApiCreated, ApiData, ApiDeleted, ApiPage } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';
import { createdLocation } from '../common/http/location';
import { Idempotent } from '../idempotency/idempotent.decorator';

@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'messages', version: ['1', VERSION_NEUTRAL] })
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @ApiPage(MessageResponse)
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListMessagesQuery): Promise<Page<MessageResponse>> {
    return this.messages.list(user.accountId, query);
  }

  /** Declared before `:id` so "count" is never read as an id. */
  @ApiData(CountResponse)
  @Get('count')
  count(@CurrentUser() user: AuthUser, @Query() query: ListMessagesQuery): Promise<CountResponse> {
    return this.messages.count(user.accountId, query);
  }

  @ApiCreated(MessageResponse)
  @Idempotent()
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateMessageBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MessageResponse> {
    const message = await this.messages.create(user, body.message);
    reply.header('location', createdLocation(reply, message.id));
    return message;
  }

  @ApiData(MessageResponse)
  @Get(':id')
  show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<MessageResponse> {
    return this.messages.get(user.accountId, id);
  }

  @ApiData(MessageResponse)
  @Put(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: UuidParam,
    @Body() body: UpdateMessageBody,
  ): Promise<MessageResponse> {
    return this.messages.update(user.accountId, id, body.message);
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @ApiData(MessageResponse)
  @Patch(':id')
  patch(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: UpdateMessageBody,
  ): Promise<MessageResponse> {
    return this.update(user, params, body);
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.messages.remove(user.accountId, id);
  }
}
