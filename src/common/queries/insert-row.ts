import type { DeepPartial, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A new row by `insert()`, not `save()`: it needs none of save()'s change tracking and relation handling
 * (a few hundred µs per row). Its defaults and generated columns come back with the INSERT (RETURNING);
 * a nullable column given no value and having no default is NULL in the row, and so in the entity.
 */
export async function insertRow<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  fields: DeepPartial<NoInfer<T>>,
): Promise<T> {
  const values = manager.create(entity, fields);
  const { generatedMaps } = await manager.insert(entity, values as never);
  const row: Record<string, unknown> = Object.assign(values, generatedMaps[0]);
  for (const column of manager.connection.getMetadata(entity).columns) {
    if (column.isNullable && !column.isVirtual && row[column.propertyName] === undefined) {
      row[column.propertyName] = null;
    }
  }
  return row as T;
}
