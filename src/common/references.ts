import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { invalidFields } from './errors';

/**
 * An id in a body must name a row of the caller's account; anything else reads as missing
 * (422 `{field: ["does not exist"]}`), so other accounts' ids cannot be probed or linked.
 */
export async function assertInAccount<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  accountId: string,
  id: string | number,
  field: string,
): Promise<void> {
  const exists = await manager.existsBy(entity, { id, accountId } as never);
  if (!exists) throw invalidFields({ [field]: ['does not exist'] });
}
