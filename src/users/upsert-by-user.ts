import { ObjectLiteral, Repository } from 'typeorm';

/**
 * A user's one-row-per-user record (profile, settings) created if missing and given `columns`, in one
 * statement: `INSERT … ON CONFLICT (user_id) DO UPDATE` the columns sent (or `DO NOTHING` when none).
 */
export async function upsertByUser<T extends ObjectLiteral & { userId: number }>(
  repository: Repository<T>,
  userId: number,
  columns: Partial<T>,
): Promise<void> {
  const sent = repository.metadata.columns
    .filter((column) => columns[column.propertyName as keyof T] !== undefined)
    .map((column) => column.databaseName);
  const insert = repository
    .createQueryBuilder()
    .insert()
    .values({ ...columns, userId } as T);
  if (sent.length) insert.orUpdate([...sent, 'updated_at'], ['user_id']);
  else insert.orIgnore();
  await insert.execute();
}
