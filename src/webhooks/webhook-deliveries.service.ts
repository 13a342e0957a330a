import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { notFound } from '../common/errors';
import { Page } from '../common/pagination/page';
import { paginate } from '../common/pagination/paginate';
import { findGrouped } from '../common/queries/group-by';
import { PageQuery } from '../common/pagination/page-query.dto';
import { WebhookDeliveryResponse } from './dto/webhook-delivery.response';
import { EventSubscriptionsService } from './event-subscriptions.service';
import { WebhookDelivery, WebhookDeliveryAttempt } from './entities/webhook-delivery.entity';
import { toWebhookDeliveryResponse } from './webhook-delivery.mapper';

@Injectable()
export class WebhookDeliveriesService {
  constructor(
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    @InjectRepository(WebhookDeliveryAttempt) private readonly attempts: Repository<WebhookDeliveryAttempt>,
    private readonly subscriptions: EventSubscriptionsService,
  ) {}

  /** Newest first, each with its event and every attempt (oldest first): four queries per page. */
  async list(accountId: string, subscriptionId: string, page: PageQuery): Promise<Page<WebhookDeliveryResponse>> {
    await this.subscriptions.findOrFail(accountId, subscriptionId);
    const rows = this.deliveries
      .createQueryBuilder('d')
      .innerJoinAndSelect('d.event', 'event')
      .where('d.subscriptionId = :subscriptionId AND d.accountId = :accountId', { subscriptionId, accountId });
    const result = await paginate(
      rows,
      { column: 'd.createdAt', idColumn: 'd.id', read: (d) => [d.createdAt, d.id] },
      page,
    );
    const attempts = await this.attemptsOf(result.data.map((d) => d.id));
    return result.map((d) => toWebhookDeliveryResponse(d, attempts.get(d.id)!));
  }

  /**
   * Queues the delivery again, due now, with a fresh retry schedule (the attempt log is kept). The
   * `webhook-id` stays the same, so a receiver that already processed it can tell. The answer is read in
   * the transaction that holds the row's lock: the worker (which claims with SKIP LOCKED) cannot have
   * claimed or delivered it in between, so the response is the state this request set (it used to read the
   * row afterwards and, under load, showed the worker's next attempt instead).
   */
  async redeliver(accountId: string, subscriptionId: string, id: string): Promise<WebhookDeliveryResponse> {
    return this.deliveries.manager.transaction(async (manager) => {
      const { affected } = await manager.update(WebhookDelivery, { id, subscriptionId, accountId }, {
        status: 'pending',
        attempts: 0,
        nextAttemptAt: () => 'now()',
      } as never);
      if (!affected) throw notFound();
      const delivery = await manager.findOneOrFail(WebhookDelivery, { where: { id }, relations: { event: true } });
      const attempts = await findGrouped(manager.getRepository(WebhookDeliveryAttempt), 'deliveryId', [id], {
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      return toWebhookDeliveryResponse(delivery, attempts.get(id)!);
    });
  }

  /** Every attempt of many deliveries, oldest first: one query. */
  private attemptsOf(deliveryIds: string[]): Promise<Map<string, WebhookDeliveryAttempt[]>> {
    return findGrouped(this.attempts, 'deliveryId', deliveryIds, { order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
