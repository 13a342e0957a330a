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
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { CreateMessageBody, UpdateMessageBody } from './dto/message.dto';
import { ListMessagesQuery } from './dto/list-messages.query';
import { toMessageResponse } from './message.mapper';
import { MessagesService } from './messages.service';
import { ApiCreated, ApiData, ApiDeleted, ApiPage } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';

@Credential('api-key')
@Controller({ path: 'messages', version: '1' })
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @ApiPage('Message')
  @Get()
  async list(@CurrentUser() user: AuthUser, @Query() query: ListMessagesQuery) {
    return (await this.messages.list(user.accountId, query)).map(toMessageResponse);
  }

  /** Declared before `:id` so "count" is never read as an id. */
  @ApiData('Count')
  @Get('count')
  count(@CurrentUser() user: AuthUser, @Query() query: ListMessagesQuery) {
    return this.messages.count(user.accountId, query);
  }

  @ApiCreated('Message')
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateMessageBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const message = await this.messages.create(user, body.message);
    reply.header('location', `/api/messages/${message.id}`);
    return toMessageResponse(message);
  }

  @ApiData('Message')
  @Get(':id')
  async show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam) {
    return toMessageResponse(await this.messages.findOrFail(user.accountId, id));
  }

  @ApiData('Message')
  @Put(':id')
  async update(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam, @Body() body: UpdateMessageBody) {
    return toMessageResponse(await this.messages.update(user.accountId, id, body.message));
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @ApiData('Message')
  @Patch(':id')
  patch(@CurrentUser() user: AuthUser, @Param() params: UuidParam, @Body() body: UpdateMessageBody) {
    return this.update(user, params, body);
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.messages.remove(user.accountId, id);
  }
}
