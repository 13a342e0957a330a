import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, VERSION_NEUTRAL } from '@nestjs/common';
import { IsUUID } from 'class-validator';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/decorators';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { PageQuery } from '../common/pagination/page-query.dto';
import { MSG } from '../common/validation/fields';
import { WebhookDeliveriesService } from './webhook-deliveries.service';

class DeliveryParams extends UuidParam {
  @IsUUID('all', { message: MSG.invalid }) delivery_id!: string;
}

/** A subscription's delivery log, newest first, and redelivery on demand. */
@Controller({ path: 'event_subscriptions/:id/deliveries', version: ['1', VERSION_NEUTRAL] })
export class WebhookDeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveriesService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam, @Query() query: PageQuery) {
    return this.deliveries.list(user.accountId, id, query);
  }

  /** Due now, with a fresh retry schedule and the same `webhook-id`. */
  @Post(':delivery_id/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  redeliver(@CurrentUser() user: AuthUser, @Param() params: DeliveryParams) {
    return this.deliveries.redeliver(user.accountId, params.id, params.delivery_id);
  }
}
