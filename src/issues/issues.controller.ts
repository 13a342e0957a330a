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
import { Page } from '../common/pagination/page';
import { CreateIssueBody, UpdateIssueBody } from './dto/issue.dto';
import { IssueResponse } from './dto/issue.response';
import { ListIssuesQuery } from './dto/list-issues.query';
import { IssuesService } from './issues.service';
import { ApiCreated, ApiData, ApiDeleted, ApiPage } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';
import { createdLocation } from '../common/http/location';
import { Idempotent } from '../idempotency/idempotent.decorator';

@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'issues', version: ['1', VERSION_NEUTRAL] })
export class IssuesController {
  constructor(private readonly issues: IssuesService) {}

  @ApiPage(IssueResponse)
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListIssuesQuery): Promise<Page<IssueResponse>> {
    return this.issues.list(user, query);
  }

  @ApiCreated(IssueResponse)
  @Idempotent()
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateIssueBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssueResponse> {
    const issue = await this.issues.create(user, body.issue);
    reply.header('location', createdLocation(reply, issue.id));
    return issue;
  }

  @ApiData(IssueResponse)
  @Get(':id')
  show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<IssueResponse> {
    return this.issues.get(user.accountId, id);
  }

  @ApiData(IssueResponse)
  @Put(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: UuidParam,
    @Body() body: UpdateIssueBody,
  ): Promise<IssueResponse> {
    return this.issues.update(user.accountId, id, body.issue);
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @ApiData(IssueResponse)
  @Patch(':id')
  patch(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: UpdateIssueBody,
  ): Promise<IssueResponse> {
    return this.update(user, params, body);
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.issues.remove(user.accountId, id);
  }
}
