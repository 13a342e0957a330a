import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post, VERSION_NEUTRAL } from '@nestjs/common';
import { OkResponse } from '../common/dto/ok.response';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { TagLinkBody } from './dto/tag.dto';
import { TagLinkParams } from './dto/tag-link-params.dto';
import { TagLinksService } from './tag-links.service';
import { ApiOk } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';
import { Idempotent } from '../idempotency/idempotent.decorator';

/** Tagging a conversation: `{"data":{"ok":true}}` either way, as Papercups answers. */
@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'conversations/:id/tags', version: ['1', VERSION_NEUTRAL] })
export class ConversationTagsController {
  constructor(private readonly links: TagLinksService) {}

  @ApiOk()
  @Idempotent()
  @Post()
  @HttpCode(HttpStatus.OK)
  add(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam, @Body() body: TagLinkBody): Promise<OkResponse> {
    return this.links.add('conversation', user, id, body.tag_id);
  }

  @ApiOk()
  @Delete(':tag_id')
  @HttpCode(HttpStatus.OK)
  remove(@CurrentUser() user: AuthUser, @Param() { id, tag_id }: TagLinkParams): Promise<OkResponse> {
    return this.links.remove('conversation', user.accountId, id, tag_id);
  }
}
