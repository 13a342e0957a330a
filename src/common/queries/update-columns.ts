import { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * `UPDATE … SET <columns> WHERE <where>` without loading the row into save()'s relation handling (a loaded
 * relation would win over a changed foreign key). The one cast: TypeORM's QueryDeepPartialEntity cannot
 * hold the `unknown` values of a jsonb `metadata` column.
 */
export async function updateColumns<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  columns: Partial<T>,
): Promise<void> {
  await manager.update(entity, where, columns as QueryDeepPartialEntity<T>);
}
