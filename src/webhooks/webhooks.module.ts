import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { EventSubscription } from './entities/event-subscription.entity';
import { WebhookDelivery, WebhookDeliveryAttempt } from './entities/webhook-delivery.entity';
import { EventSubscriptionsController } from './event-subscriptions.controller';
import { EventSubscriptionsService } from './event-subscriptions.service';
import { WebhookDeliveriesController } from './webhook-deliveries.controller';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookWorker } from './webhook-worker';

@Module({
  imports: [TypeOrmModule.forFeature([EventSubscription, WebhookDelivery, WebhookDeliveryAttempt]), EventsModule],
  controllers: [EventSubscriptionsController, WebhookDeliveriesController],
  providers: [EventSubscriptionsService, WebhookDeliveriesService, WebhookWorker],
})
export class WebhooksModule {}
