import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/decorators';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { clientIp } from '../common/http/client-ip';
import { toCustomerResponse } from './customer.mapper';
import { CustomersService } from './customers.service';
import { CreateCustomerBody, UpdateCustomerBody } from './dto/customer.dto';
import { ListCustomersQuery } from './dto/list-customers.query';
import { ApiCreated, ApiData, ApiDeleted, ApiPage } from '../openapi/decorators';

@Controller({ path: 'customers', version: '1' })
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @ApiPage('Customer')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListCustomersQuery) {
    return this.customers.list(user.accountId, query);
  }

  @ApiCreated('Customer')
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateCustomerBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const customer = await this.customers.create(user.accountId, body.customer, clientIp(request));
    reply.header('location', `/api/customers/${customer.id}`);
    return toCustomerResponse(customer);
  }

  @ApiData('Customer')
  @Get(':id')
  async show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam) {
    return toCustomerResponse(await this.customers.findOrFail(user.accountId, id));
  }

  @ApiData('Customer')
  @Put(':id')
  async update(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam, @Body() body: UpdateCustomerBody) {
    return toCustomerResponse(await this.customers.update(user.accountId, id, body.customer));
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @ApiData('Customer')
  @Patch(':id')
  patch(@CurrentUser() user: AuthUser, @Param() params: UuidParam, @Body() body: UpdateCustomerBody) {
    return this.update(user, params, body);
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.customers.remove(user.accountId, id);
  }
}
