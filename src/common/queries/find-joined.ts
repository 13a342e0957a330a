import { EntityManager, EntityTarget, FindOptionsRelations, FindOptionsWhere, ObjectLiteral } from 'typeorm';

/**
 * One row with its relations joined, or null. find(), not findOne(): with joined relations findOne adds
 * a DISTINCT pre-query for its LIMIT 1; `where` names a unique row, so find() reads exactly one statement.
 */
export async function findJoined<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  relations: FindOptionsRelations<T>,
): Promise<T | null> {
  const [row] = await manager.find(entity, { where, relations });
  return row ?? null;
}
