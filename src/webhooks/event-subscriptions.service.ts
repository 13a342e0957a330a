import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { assertIfMatch } from '../conditional-requests/if-match';
import { invalidFields, notFound } from '../common/errors';
import { Page } from '../common/pagination/page';
import { paginate } from '../common/pagination/paginate';
import { PageQuery } from '../common/pagination/page-query.dto';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { EVENT_TYPES, EventType, isEventType } from '../events/event-types';
import { CreateEventSubscriptionFields, UpdateEventSubscriptionFields } from './dto/event-subscription.dto';
import {
  EventSubscriptionResponse,
  EventSubscriptionWithSecretResponse,
  VerifiedResponse,
} from './dto/event-subscription.response';
import { EventSubscription } from './entities/event-subscription.entity';
import { toEventSubscriptionResponse, toEventSubscriptionWithSecretResponse } from './event-subscription.mapper';
import { generateSecret } from './signature';
import { PostOptions, verifyWebhookUrl } from './webhook-http';
import { pinnedLookup, webhookUrlProblem } from './webhook-url';

/** Papercups always delivers these two, whatever the scope. */
const ALWAYS = ['conversation:created', 'message:created'];

/** `event_types` when given; otherwise Papercups' rule: the two above plus every type the scope contains. */
function chooseEventTypes(eventTypes: string[] | null | undefined, scope: string | null | undefined): EventType[] {
  if (eventTypes != null) {
    if (!eventTypes.length || !eventTypes.every(isEventType)) throw invalidFields({ event_types: ['is invalid'] });
    return EVENT_TYPES.filter((type) => eventTypes.includes(type));
  }
  return EVENT_TYPES.filter((type) => ALWAYS.includes(type) || (scope ?? '').includes(type));
}

@Injectable()
export class EventSubscriptionsService {
  constructor(
    @InjectRepository(EventSubscription) private readonly subscriptions: Repository<EventSubscription>,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async list(accountId: string, page: PageQuery): Promise<Page<EventSubscriptionResponse>> {
    const rows = this.subscriptions.createQueryBuilder('s').where('s.accountId = :accountId', { accountId });
    const result = await paginate(
      rows,
      { column: 's.createdAt', idColumn: 's.id', read: (s) => [s.createdAt, s.id] },
      page,
    );
    return result.map(toEventSubscriptionResponse);
  }

  async get(accountId: string, id: string): Promise<EventSubscriptionResponse> {
    return toEventSubscriptionResponse(await this.findOrFail(accountId, id));
  }

  async findOrFail(accountId: string, id: string, manager = this.subscriptions.manager): Promise<EventSubscription> {
    const subscription = await manager.findOneBy(EventSubscription, { id, accountId });
    if (!subscription) throw notFound();
    return subscription;
  }

  /** Saves it, then runs the verify handshake synchronously, as Papercups does; only verified ones get events. */
  async create(accountId: string, params: CreateEventSubscriptionFields): Promise<EventSubscriptionWithSecretResponse> {
    await this.assertUrl(params.webhook_url);
    const eventTypes = chooseEventTypes(params.event_types, params.scope);
    // Before the handshake (no POST for a refused create), and again under the account's lock.
    await this.assertBelowCap(this.subscriptions.manager, accountId);
    const secret = generateSecret();
    const verified = await verifyWebhookUrl(params.webhook_url, this.postOptions(), secret);
    const subscription = await this.subscriptions.manager.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`event_subscriptions:${accountId}`]);
      await this.assertBelowCap(manager, accountId);
      return manager.save(
        manager.create(EventSubscription, {
          accountId,
          webhookUrl: params.webhook_url,
          scope: params.scope ?? null,
          eventTypes,
          secret,
          verified,
        }),
      );
    });
    return toEventSubscriptionWithSecretResponse(subscription, secret);
  }

  /** WEBHOOK_MAX_SUBSCRIPTIONS_PER_ACCOUNT: each subscription is work for every event of the account. */
  private async assertBelowCap(manager: EntityManager, accountId: string): Promise<void> {
    const max = this.config.webhooks.maxSubscriptionsPerAccount;
    if ((await manager.countBy(EventSubscription, { accountId })) >= max) {
      throw invalidFields({ event_subscription: [`an account may have at most ${max} subscriptions`] });
    }
  }

  /**
   * A new `webhook_url` is checked and verified again (Papercups recomputes `verified` on every update and
   * so unverifies one updated without a URL: fixed, the flag is kept then).
   */
  async update(
    accountId: string,
    id: string,
    params: UpdateEventSubscriptionFields,
  ): Promise<EventSubscriptionResponse> {
    await this.findOrFail(accountId, id);
    // The handshake (network) before the transaction, so no row stays locked while it runs.
    let verified: boolean | undefined;
    if (params.webhook_url !== undefined) {
      await this.assertUrl(params.webhook_url);
      const secret = await this.secretOf(id);
      verified = await verifyWebhookUrl(params.webhook_url, this.postOptions(), secret);
    }
    return this.subscriptions.manager.transaction(async (manager) => {
      const subscription = await this.lockedOrFail(manager, accountId, id);
      const changes: Partial<EventSubscription> = {};
      if (params.webhook_url !== undefined) Object.assign(changes, { webhookUrl: params.webhook_url, verified });
      if (params.scope !== undefined) changes.scope = params.scope;
      if (params.event_types !== undefined || params.scope !== undefined) {
        changes.eventTypes = chooseEventTypes(
          params.event_types,
          params.scope !== undefined ? params.scope : subscription.scope,
        );
      }
      if (params.enabled === true) Object.assign(changes, { disabledAt: null, consecutiveFailures: 0 });
      if (params.enabled === false && subscription.disabledAt === null) changes.disabledAt = new Date();
      if (!Object.keys(changes).length) return toEventSubscriptionResponse(subscription);
      return toEventSubscriptionResponse(await manager.save(Object.assign(subscription, changes)));
    });
  }

  remove(accountId: string, id: string): Promise<void> {
    return this.subscriptions.manager.transaction(async (manager) => {
      await this.lockedOrFail(manager, accountId, id);
      await manager.delete(EventSubscription, { id, accountId });
    });
  }

  /** The row to write, after the If-Match check (when the request has one). */
  private async lockedOrFail(manager: EntityManager, accountId: string, id: string): Promise<EventSubscription> {
    await assertIfMatch(manager, EventSubscription, { id, accountId }, async () =>
      toEventSubscriptionResponse(await this.findOrFail(accountId, id, manager)),
    );
    return this.findOrFail(accountId, id, manager);
  }

  /** A new secret, effective for the next attempt; the old one stops working at once. */
  async rotateSecret(accountId: string, id: string): Promise<EventSubscriptionWithSecretResponse> {
    const secret = generateSecret();
    const { affected } = await this.subscriptions.update({ id, accountId }, { secret });
    if (!affected) throw notFound();
    return toEventSubscriptionWithSecretResponse(await this.findOrFail(accountId, id), secret);
  }

  /** `POST /event_subscriptions/verify {"url"}`: the handshake alone, nothing saved. */
  async verifyUrl(url: string): Promise<VerifiedResponse> {
    await this.assertUrl(url, 'url');
    return { verified: await verifyWebhookUrl(url, this.postOptions()) };
  }

  /** The handshake connects only to addresses that pass the check (see pinnedLookup). */
  private postOptions(): PostOptions {
    const { timeoutMs, allowPrivateUrls } = this.config.webhooks;
    return { timeoutMs, lookup: pinnedLookup(allowPrivateUrls) };
  }

  private async secretOf(id: string): Promise<string> {
    const row = await this.subscriptions.findOne({ where: { id }, select: { id: true, secret: true } });
    return row!.secret;
  }

  private async assertUrl(url: string, field = 'webhook_url'): Promise<void> {
    const problem = await webhookUrlProblem(url, this.config.webhooks.allowPrivateUrls);
    if (problem) throw invalidFields({ [field]: [problem] });
  }
}
