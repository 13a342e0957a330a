import { FindManyOptions, FindOptionsWhere, In, ObjectLiteral, Repository } from 'typeorm';

/**
 * The child rows of many parents in one query (a page's messages, tags or attempts, instead of a query per
 * parent), grouped by the parent column: every id gets an entry, empty when it has no child, in `order`.
 */
export async function findGrouped<T extends ObjectLiteral, K extends keyof T & string>(
  repository: Repository<T>,
  parent: K,
  parentIds: readonly T[K][],
  { extraWhere, ...options }: Omit<FindManyOptions<T>, 'where'> & { extraWhere?: FindOptionsWhere<T> } = {},
): Promise<Map<T[K], T[]>> {
  const groups = new Map<T[K], T[]>(parentIds.map((id) => [id, []]));
  if (!parentIds.length) return groups;
  const where = { ...extraWhere, [parent]: In([...parentIds]) } as FindOptionsWhere<T>;
  const rows = await repository.find({ ...options, where });
  for (const row of rows) groups.get(row[parent])?.push(row);
  return groups;
}
