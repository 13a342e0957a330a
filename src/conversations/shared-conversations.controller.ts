import { Controller, Get, Query, VERSION_NEUTRAL } from '@nestjs/common';
import { Public } from '../auth/route-policy';
import { ApiData, ApiError } from '../openapi/decorators';
import { ConversationExtrasService } from './conversation-extras.service';
import { ConversationExpandedResponse } from './dto/conversation-expanded.response';
import { SharedConversationQuery } from './dto/shared-conversation.query';

/** The public link a dashboard user shared: the token is the credential (signed, 24 hours). */
@Public()
@Controller({ path: 'conversations', version: VERSION_NEUTRAL })
export class SharedConversationsController {
  constructor(private readonly extras: ConversationExtrasService) {}

  @ApiData(ConversationExpandedResponse)
  @ApiError(403, 'A forged or foreign token ("Access denied") or an expired one ("This link has expired").')
  @ApiError(404, 'The conversation is gone or archived.')
  @Get('shared')
  shared(@Query() query: SharedConversationQuery): Promise<ConversationExpandedResponse> {
    return this.extras.shared(query.conversation_id, query.token);
  }
}
