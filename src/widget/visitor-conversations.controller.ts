import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Credential, RateLimit } from '../auth/route-policy';
import { ConversationExpandedResponse } from '../conversations/dto/conversation-expanded.response';
import { ConversationResponse } from '../conversations/dto/conversation.response';
import { ApiCreated, ApiDataList } from '../openapi/decorators';
import { CreateVisitorConversationBody, VisitorConversationsQuery } from './dto/visitor.dto';
import { VisitorConversationsService } from './visitor-conversations.service';
import { ApiVisitorErrors } from './visitor-errors';
import { Idempotent } from '../idempotency/idempotent.decorator';

/** The widget's conversation routes (Papercups' public scope): start a chat, find the latest ones. */
@Credential('visitor')
@Controller('conversations')
export class VisitorConversationsController {
  constructor(private readonly visitors: VisitorConversationsService) {}

  @RateLimit('per-visitor')
  @ApiVisitorErrors({ write: true })
  @ApiCreated(ConversationResponse)
  @Idempotent()
  @Post()
  async create(
    @Body() body: CreateVisitorConversationBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConversationResponse> {
    const conversation = await this.visitors.create(request.user, body.conversation, request);
    reply.header('location', `/api/conversations/${conversation.id}`);
    return conversation;
  }

  @ApiVisitorErrors({ required: 'The following parameters are required: customer_id, account_id' })
  @ApiDataList(ConversationExpandedResponse)
  @Get('customer')
  ofCustomer(
    @Query() query: VisitorConversationsQuery,
    @Req() request: FastifyRequest,
  ): Promise<ConversationExpandedResponse[]> {
    return this.visitors.ofCustomer(query, request);
  }
}
