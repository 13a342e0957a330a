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
import { CreateCompanyBody, UpdateCompanyBody } from './dto/company.dto';
import { CompanyResponse } from './dto/company.response';
import { CompaniesService } from './companies.service';
import { ApiCreated, ApiData, ApiDeleted, ApiPage } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';
import { createdLocation } from '../common/http/location';
import { Idempotent } from '../idempotency/idempotent.decorator';

@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'companies', version: ['1', VERSION_NEUTRAL] })
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @ApiPage(CompanyResponse)
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: WholeListQuery): Promise<Page<CompanyResponse>> {
    return this.companies.list(user.accountId, query);
  }

  @ApiCreated(CompanyResponse)
  @Idempotent()
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateCompanyBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompanyResponse> {
    const company = await this.companies.create(user.accountId, body.company);
    reply.header('location', createdLocation(reply, company.id));
    return company;
  }

  @ApiData(CompanyResponse)
  @Get(':id')
  show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<CompanyResponse> {
    return this.companies.get(user.accountId, id);
  }

  @ApiData(CompanyResponse)
  @Put(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: UuidParam,
    @Body() body: UpdateCompanyBody,
  ): Promise<CompanyResponse> {
    return this.companies.update(user.accountId, id, body.company);
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @ApiData(CompanyResponse)
  @Patch(':id')
  patch(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: UpdateCompanyBody,
  ): Promise<CompanyResponse> {
    return this.update(user, params, body);
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.companies.remove(user.accountId, id);
  }
}
