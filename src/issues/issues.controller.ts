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
import { IssuesService } from './issues.service';
import { toIssueResponse } from './issue.mapper';
import { CreateIssueBody, ListIssuesQuery, UpdateIssueBody } from './dto/issue.dto';
import { ApiCreated, ApiData, ApiDeleted, ApiPage } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';

@Credential('api-key')
@Controller({ path: 'issues', version: '1' })
export class IssuesController {
  constructor(private readonly issues: IssuesService) {}

  @ApiPage('Issue')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListIssuesQuery) {
    return this.issues.list(user, query);
  }

  @ApiCreated('Issue')
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateIssueBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const issue = await this.issues.create(user, body.issue);
    reply.header('location', `/api/issues/${issue.id}`);
    return toIssueResponse(issue);
  }

  @ApiData('Issue')
  @Get(':id')
  async show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam) {
    return toIssueResponse(await this.issues.findOrFail(user.accountId, id));
  }

  @ApiData('Issue')
  @Put(':id')
  async update(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam, @Body() body: UpdateIssueBody) {
    return toIssueResponse(await this.issues.update(user.accountId, id, body.issue));
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @ApiData('Issue')
  @Patch(':id')
  patch(@CurrentUser() user: AuthUser, @Param() params: UuidParam, @Body() body: UpdateIssueBody) {
    return this.update(user, params, body);
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.issues.remove(user.accountId, id);
  }
}
