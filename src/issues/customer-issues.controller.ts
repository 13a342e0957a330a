import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post, VERSION_NEUTRAL } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Credential } from '../auth/route-policy';
import { OkResponse } from '../common/dto/ok.response';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { ApiOk } from '../openapi/decorators';
import { CustomerIssuesService } from './customer-issues.service';
import { CustomerIssueBody, CustomerIssueParams } from './dto/customer-issue.dto';
import { Idempotent } from '../idempotency/idempotent.decorator';

/** Linking an issue to a customer: `{"data":{"ok":true}}` either way, as Papercups answers. */
@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'customers/:id/issues', version: ['1', VERSION_NEUTRAL] })
export class CustomerIssuesController {
  constructor(private readonly links: CustomerIssuesService) {}

  @ApiOk()
  @Idempotent()
  @Post()
  @HttpCode(HttpStatus.OK)
  link(
    @CurrentUser() user: AuthUser,
    @Param() { id }: UuidParam,
    @Body() body: CustomerIssueBody,
  ): Promise<OkResponse> {
    return this.links.link(user.accountId, id, body.issue_id);
  }

  @ApiOk()
  @Delete(':issue_id')
  @HttpCode(HttpStatus.OK)
  unlink(@CurrentUser() user: AuthUser, @Param() { id, issue_id }: CustomerIssueParams): Promise<OkResponse> {
    return this.links.unlink(user.accountId, id, issue_id);
  }
}
