import { Controller, Get, Query, VERSION_NEUTRAL } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { badRequest } from '../common/errors';
import { ReportResponse } from './dto/report.response';
import { ReportingQuery } from './dto/reporting.query';
import { ReportingService } from './reporting.service';
import { ApiData } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';

/** The widest range one report covers: weekly chunks stay a few hundred rows. */
export const MAX_RANGE_DAYS = 3660;

@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'reporting', version: ['1', VERSION_NEUTRAL] })
export class ReportingController {
  constructor(private readonly reporting: ReportingService) {}

  @ApiData(ReportResponse)
  @Get()
  report(@CurrentUser() user: AuthUser, @Query() query: ReportingQuery): Promise<ReportResponse> {
    const { from_date: from, to_date: to } = query;
    if (!from || !to) {
      throw badRequest('The following parameters are required: from_date, to_date', {
        ...(from ? {} : { from_date: ['is required'] }),
        ...(to ? {} : { to_date: ['is required'] }),
      });
    }
    if (Math.abs(to.getTime() - from.getTime()) > MAX_RANGE_DAYS * 86_400_000) {
      throw badRequest(`The range is at most ${MAX_RANGE_DAYS} days`, { to_date: ['is invalid'] });
    }
    return this.reporting.report(user.accountId, from, to);
  }
}
