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
import { UuidParam } from '../common/dto/uuid-param.dto';
import { WholeListQuery } from '../common/pagination/date-range';
import { Page } from '../common/pagination/page';
import { CreateTagBody, UpdateTagBody } from './dto/tag.dto';
import { TagResponse } from './dto/tag.response';
import { TagsService } from './tags.service';
import { ApiCreated, ApiData, ApiDeleted, ApiPage } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';
import { createdLocation } from '../common/http/location';
import { Idempotent } from '../idempotency/idempotent.decorator';

@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'tags', version: ['1', VERSION_NEUTRAL] })
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @ApiPage(TagResponse)
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: WholeListQuery): Promise<Page<TagResponse>> {
    return this.tags.list(user.accountId, query);
  }

  @ApiCreated(TagResponse)
  @Idempotent()
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateTagBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TagResponse> {
    const tag = await this.tags.create(user, body.tag);
    reply.header('location', createdLocation(reply, tag.id));
    return tag;
  }

  @ApiData(TagResponse)
  @Get(':id')
  show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<TagResponse> {
    return this.tags.get(user.accountId, id);
  }

  @ApiData(TagResponse)
  @Put(':id')
  update(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam, @Body() body: UpdateTagBody): Promise<TagResponse> {
    return this.tags.update(user.accountId, id, body.tag);
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @ApiData(TagResponse)
  @Patch(':id')
  patch(@CurrentUser() user: AuthUser, @Param() params: UuidParam, @Body() body: UpdateTagBody): Promise<TagResponse> {
    return this.update(user, params, body);
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.tags.remove(user.accountId, id);
  }
}
