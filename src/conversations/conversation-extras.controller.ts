import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, VERSION_NEUTRAL } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Credential } from '../auth/route-policy';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { ApiData, ApiDataList, ApiDataOrNull } from '../openapi/decorators';
import { ConversationsService } from './conversations.service';
import { ConversationExpandedResponse } from './dto/conversation-expanded.response';
import { RelatedConversationsQuery } from './dto/related-conversations.query';
import { ConversationExtrasService } from './conversation-extras.service';
import { ShareTokenResponse, UnreadCountsResponse } from './dto/conversation-extras.response';
import { ConversationResponse } from './dto/conversation.response';
import { Idempotent } from '../idempotency/idempotent.decorator';

/** Archive, unread counts and sharing, at both doors: `/api/v1` with an API key, `/api` with a session. */
@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'conversations', version: ['1', VERSION_NEUTRAL] })
export class ConversationExtrasController {
  constructor(
    private readonly extras: ConversationExtrasService,
    private readonly conversations: ConversationsService,
  ) {}

  @ApiData(UnreadCountsResponse)
  @Get('unread')
  unread(@CurrentUser() user: AuthUser): Promise<UnreadCountsResponse> {
    return this.extras.unread(user);
  }

  /** The customer's conversation before this one (live ones only), or `null`, as Papercups' dashboard shows it. */
  @ApiDataOrNull(ConversationExpandedResponse)
  @Get(':id/previous')
  previous(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<ConversationExpandedResponse | null> {
    return this.conversations.previous(user.accountId, id);
  }

  /** The customer's other live conversations, most recent activity first. */
  @ApiDataList(ConversationExpandedResponse)
  @Get(':id/related')
  related(
    @CurrentUser() user: AuthUser,
    @Param() { id }: UuidParam,
    @Query() { limit }: RelatedConversationsQuery,
  ): Promise<ConversationExpandedResponse[]> {
    return this.conversations.related(user.accountId, id, limit ?? 3);
  }

  @ApiData(ConversationResponse)
  @Idempotent()
  @Post(':id/archive')
  @HttpCode(HttpStatus.OK)
  archive(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<ConversationResponse> {
    return this.extras.archive(user.accountId, id);
  }

  @ApiData(ShareTokenResponse)
  @Idempotent()
  @Post(':id/share')
  @HttpCode(HttpStatus.OK)
  share(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<ShareTokenResponse> {
    return this.extras.share(user.accountId, id);
  }
}
