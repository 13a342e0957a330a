import type { EntityMetadata, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

type Row = Record<string, unknown>;

/**
 * An entity's columns under a SQL alias, for the hand-written hot reads: `select` lists them as
 * `"<alias>.<property>"`, `read(row)` makes the entity-shaped object of such a row (null when its id is
 * null: an outer join that found nothing). Built once from TypeORM's metadata, so a new column reaches the
 * hot reads by itself, and the values are those TypeORM's hydration gives (the same pg type parsers,
 * typeorm.options.ts) without the query builder and hydration it costs per row.
 */
export class EntityColumns<T extends ObjectLiteral> {
  readonly select: string;
  private readonly keys: (readonly [string, string])[];
  private readonly idKey: string;

  constructor(metadata: EntityMetadata, alias: string) {
    const columns = metadata.columns.filter((c) => !c.isVirtual && c.isSelect);
    this.select = columns.map((c) => `${alias}.${c.databaseName} AS "${alias}.${c.propertyName}"`).join(', ');
    this.keys = columns.map((c) => [`${alias}.${c.propertyName}`, c.propertyName] as const);
    this.idKey = `${alias}.${metadata.primaryColumns[0].propertyName}`;
  }

  /** The columns of `entity` under `alias`, from the metadata of the data source `repository` belongs to. */
  static of<T extends ObjectLiteral>(repository: Repository<object>, entity: EntityTarget<T>, alias: string) {
    return new EntityColumns<T>(repository.manager.connection.getMetadata(entity), alias);
  }

  read(row: Row): T | null {
    if (row[this.idKey] == null) return null;
    const entity: Row = {};
    for (const [key, property] of this.keys) entity[property] = row[key];
    return entity as T;
  }
}
