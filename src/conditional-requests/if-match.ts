import { AsyncLocalStorage } from 'node:async_hooks';
import { hash } from 'node:crypto';
import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { preconditionFailed } from '../common/errors';

/** A strong validator of an answer's bytes: any change to what GET returns changes it. */
export const etagOfBody = (body: string) => `"${hash('sha256', body, 'base64url').slice(0, 27)}"`;

/** The ETag a GET answering `data` carries (its body is the envelope, serialised by `representation`). */
export const etagOf = (data: unknown) => etagOfBody(JSON.stringify({ data }));

export const ifMatchAccepts = (header: string, etag: string) =>
  header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });

/** The If-Match header of the write being handled (set by registerConditionalRequests for PUT/PATCH/DELETE). */
const currentIfMatch = new AsyncLocalStorage<string>();

export const withIfMatch = <T>(header: string, run: () => T): T => currentIfMatch.run(header, run);

/**
 * The version check of a conditional write, inside the write's own transaction: when the request carries
 * If-Match, the target row is locked (`SELECT … FOR UPDATE`), its representation is read in the same
 * transaction (the GET's, so the ETag is the one a GET would show now) and compared; a mismatch throws 412
 * and the transaction rolls back. Writers holding the same ETag, on any instance, queue on the row lock: the
 * first changes the row, so the others see another ETag. Without If-Match this does nothing.
 * A missing row is left to the caller (its 404).
 */
export async function assertIfMatch<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  current: () => Promise<unknown>,
): Promise<void> {
  const header = currentIfMatch.getStore();
  if (header === undefined) return;
  if (!manager.queryRunner?.isTransactionActive) throw new Error('assertIfMatch needs the write transaction');
  const locked = await manager
    .createQueryBuilder(entity, 'row')
    .select('1', 'locked')
    .where(where)
    .setLock('pessimistic_write')
    .getRawOne();
  if (!locked) return;
  if (!ifMatchAccepts(header, etagOf(await current()))) throw preconditionFailed();
}
