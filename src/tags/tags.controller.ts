import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/decorators';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { DateRangeQuery } from '../common/pagination/date-range';
import { CreateTagBody, UpdateTagBody } from './dto/tag.dto';
import { toTagResponse } from './tag.mapper';
import { TagsService } from './tags.service';

@Controller({ path: 'tags', version: '1' })
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: DateRangeQuery) {
    return this.tags.list(user.accountId, query);
  }

  @Post()
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateTagBody, @Res({ passthrough: true }) reply: FastifyReply) {
    const tag = await this.tags.create(user, body.tag);
    reply.header('location', `/api/tags/${tag.id}`);
    return toTagResponse(tag);
  }

  @Get(':id')
  async show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam) {
    return toTagResponse(await this.tags.findOrFail(user.accountId, id));
  }

  @Put(':id')
  async update(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam, @Body() body: UpdateTagBody) {
    return toTagResponse(await this.tags.update(user.accountId, id, body.tag));
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @Patch(':id')
  patch(@CurrentUser() user: AuthUser, @Param() params: UuidParam, @Body() body: UpdateTagBody) {
    return this.update(user, params, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.tags.remove(user.accountId, id);
  }
}
