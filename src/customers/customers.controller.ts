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
  Req,
  Res,
  StreamableFile,
  Version,
  VERSION_NEUTRAL,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { clientIp } from '../common/http/client-ip';
import { CustomerListService } from './customer-list.service';
import { CUSTOMER_CSV_HEADER } from './customer.csv';
import { CustomersService } from './customers.service';
import { CustomerListItemResponse } from './dto/customer-list-item.response';
import {
  CustomerIdentityResponse,
  CustomerShowResponse,
  CustomerWithAssociationsResponse,
} from './dto/customer.response';
import { CreateCustomerBody, UpdateCustomerBody } from './dto/customer.dto';
import {
  CreateCustomerQuery,
  IdentifyCustomerQuery,
  ListCustomersQuery,
  ShowCustomerQuery,
} from './dto/list-customers.query';
import { ApiCreated, ApiData, ApiDeleted, ApiError, ApiPage } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';
import { createdLocation } from '../common/http/location';
import { Idempotent } from '../idempotency/idempotent.decorator';

@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'customers', version: ['1', VERSION_NEUTRAL] })
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly lists: CustomerListService,
  ) {}

  /** Cursor pages; Papercups' page-number shape with `page`/`page_size`; every match as CSV with `format=csv`. */
  @ApiPage(CustomerListItemResponse, {
    pageNumbers: true,
    csv: `${CUSTOMER_CSV_HEADER}\r\n"0e2d5b0c-5a4a-4d3b-9b8e-2f6e3f1c9a10","Alex",…`,
  })
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListCustomersQuery) {
    if (query.format === 'csv') {
      return new StreamableFile(this.lists.exportCsv(user.accountId, query), { type: 'text/csv; charset=utf-8' });
    }
    return this.lists.list(user.accountId, query);
  }

  /**
   * Declared before `:id` so "identify" is never read as an id. API key only: Papercups' `/api` twin is the
   * widget's public lookup, served by the widget API.
   */
  @ApiData(CustomerIdentityResponse)
  @ApiError(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'No `external_id` (or "null"/"undefined").',
    'The following parameters are required: external_id',
  )
  @Version('1')
  @Get('identify')
  identify(@CurrentUser() user: AuthUser, @Query() query: IdentifyCustomerQuery): Promise<CustomerIdentityResponse> {
    return this.lists.identify(user.accountId, query);
  }

  /**
   * `?upsert=true`: 200 when the customer with this `external_id` was updated, 201 when one was created.
   * API key only: `POST /api/customers` is the widget's (Papercups' public create).
   */
  @ApiCreated(CustomerWithAssociationsResponse)
  @ApiData(
    CustomerWithAssociationsResponse,
    HttpStatus.OK,
    'Updated: `upsert=true` and a customer with this `external_id` exists.',
  )
  @Version('1')
  @Idempotent()
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateCustomerBody,
    @Query() query: CreateCustomerQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerWithAssociationsResponse> {
    const upsert = query.upsert === 'true';
    const { customer, created } = await this.customers.create(user.accountId, body.customer, clientIp(request), upsert);
    if (created) reply.header('location', createdLocation(reply, customer.id));
    else reply.status(HttpStatus.OK);
    return customer;
  }

  @ApiData(CustomerShowResponse)
  @Get(':id')
  show(
    @CurrentUser() user: AuthUser,
    @Param() { id }: UuidParam,
    @Query() { expand }: ShowCustomerQuery,
  ): Promise<CustomerShowResponse> {
    return this.customers.get(user.accountId, id, [expand ?? []].flat());
  }

  @ApiData(CustomerWithAssociationsResponse)
  @Put(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: UuidParam,
    @Body() body: UpdateCustomerBody,
  ): Promise<CustomerWithAssociationsResponse> {
    return this.customers.update(user.accountId, id, body.customer);
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @ApiData(CustomerWithAssociationsResponse)
  @Patch(':id')
  patch(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: UpdateCustomerBody,
  ): Promise<CustomerWithAssociationsResponse> {
    return this.update(user, params, body);
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.customers.remove(user.accountId, id);
  }
}
