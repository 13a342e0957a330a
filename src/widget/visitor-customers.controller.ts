import { Body, Controller, Get, HttpStatus, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Credential, RateLimit } from '../auth/route-policy';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { CustomerIdentityResponse, CustomerResponse } from '../customers/dto/customer.response';
import { ApiCreated, ApiData } from '../openapi/decorators';
import {
  CreateVisitorCustomerBody,
  UpdateVisitorMetadataBody,
  VisitorAccountQuery,
  VisitorIdentifyQuery,
} from './dto/visitor.dto';
import { VisitorCustomersService } from './visitor-customers.service';
import { ApiVisitorErrors } from './visitor-errors';
import { Idempotent } from '../idempotency/idempotent.decorator';

/**
 * The widget's customer routes (Papercups' public scope, `/api/customers/...` without a version): a visitor
 * becomes a customer of `account_id`, finds itself by `external_id`, and reports its browser details.
 */
@Credential('visitor')
@Controller('customers')
export class VisitorCustomersController {
  constructor(private readonly visitors: VisitorCustomersService) {}

  @RateLimit('per-visitor')
  @ApiVisitorErrors({ write: true })
  @ApiCreated(CustomerResponse)
  @Idempotent()
  @Post()
  async create(
    @Body() body: CreateVisitorCustomerBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerResponse> {
    const customer = await this.visitors.create(request.user, body.customer, request);
    reply.header('location', `/api/customers/${customer.id}`);
    return customer;
  }

  @ApiVisitorErrors({ required: 'The following parameters are required: external_id, account_id' })
  @ApiData(CustomerIdentityResponse)
  @Get('identify')
  identify(@Query() query: VisitorIdentifyQuery, @Req() request: FastifyRequest): Promise<CustomerIdentityResponse> {
    return this.visitors.identify(query, request);
  }

  /** `{"data": true}` when the id is a customer of `account_id`, else `{"data": false}`. */
  @ApiVisitorErrors()
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'OK',
    schema: { type: 'object', required: ['data'], properties: { data: { type: 'boolean' } } },
  })
  @Get(':id/exists')
  exists(
    @Param() { id }: UuidParam,
    @Query() query: VisitorAccountQuery,
    @Req() request: FastifyRequest,
  ): Promise<boolean> {
    return this.visitors.exists(id, query.account_id, request);
  }

  @RateLimit('per-visitor')
  @ApiVisitorErrors({ write: true })
  @ApiData(CustomerResponse)
  @Put(':id/metadata')
  updateMetadata(
    @Param() { id }: UuidParam,
    @Body() body: UpdateVisitorMetadataBody,
    @Req() request: FastifyRequest,
  ): Promise<CustomerResponse> {
    return this.visitors.updateMetadata(id, body.metadata, request);
  }
}
