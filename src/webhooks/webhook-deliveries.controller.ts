import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, VERSION_NEUTRAL } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { PageQuery } from '../common/pagination/page-query.dto';
import { Page } from '../common/pagination/page';
import { DeliveryParams } from './dto/delivery-params.dto';
import { WebhookDeliveryResponse } from './dto/webhook-delivery.response';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { ApiData, ApiPage } from '../openapi/decorators';
import { Credential, RequireRole } from '../auth/route-policy';
import { Idempotent } from '../idempotency/idempotent.decorator';

/** A subscription's delivery log, newest first, and redelivery on demand. */
@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'event_subscriptions/:id/deliveries', version: ['1', VERSION_NEUTRAL] })
export class WebhookDeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveriesService) {}

  @ApiPage(WebhookDeliveryResponse)
  @Get()
  list(
    @CurrentUser() user: AuthUser,
    @Param() { id }: UuidParam,
    @Query() query: PageQuery,
  ): Promise<Page<WebhookDeliveryResponse>> {
    return this.deliveries.list(user.accountId, id, query);
  }

  /** Due now, with a fresh retry schedule and the same `webhook-id`. */
  @ApiData(WebhookDeliveryResponse, HttpStatus.ACCEPTED, 'Queued again')
  @RequireRole('admin')
  @Idempotent()
  @Post(':delivery_id/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  redeliver(@CurrentUser() user: AuthUser, @Param() params: DeliveryParams): Promise<WebhookDeliveryResponse> {
    return this.deliveries.redeliver(user.accountId, params.id, params.delivery_id);
  }
}
