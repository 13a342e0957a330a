import type { FastifyReply } from 'fastify';
import { API_PREFIX } from './api-prefix';

/**
 * The `Location` of a record just created by a POST to its collection, on the door the client used: a create
 * at `/api/v1/customers` points at `/api/v1/customers/<id>`, one at `/api/event_subscriptions` at
 * `/api/event_subscriptions/<id>`. The door is the one registerRouteDoors() stored in the route's config.
 */
export function createdLocation(reply: FastifyReply, id: string | number): string {
  const { url, config } = reply.request.routeOptions;
  const doorPrefix = config.door && config.door !== 'unversioned' ? `/${API_PREFIX}/${config.door}` : `/${API_PREFIX}`;
  const collection = url!.startsWith(`${doorPrefix}/`) ? url!.slice(doorPrefix.length) : url!.replace(/^\/api/, '');
  return `${doorPrefix}${collection.replace(/\/$/, '')}/${id}`;
}
