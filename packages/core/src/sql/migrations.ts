import { type CreateTableBuilder, type Kysely, type Migration, type MigrationProvider, sql } from 'kysely'
import { ALL_ENTITIES } from '../entities'
import type { EntityDescription } from '../entities/entity'
import { columnOf, type FieldKind } from '../entities/field'
import type { SqlDialect, SqlSchema } from './sql-dialect'
import type { TableNames } from './table-names'
import { textSearchTarget } from './text-search'

/**
 * Rapport's migrations, in order. Each number creates the tables, columns and indexes whose `since` equals
 * it, so adding a field to an entity description with `since: N` and listing migration N here is the whole
 * schema change.
 */
export const MIGRATIONS: readonly { readonly number: number; readonly name: string }[] = [
  { number: 1, name: '0001_customer_model' },
  { number: 2, name: '0002_pipelines_and_deals' },
  { number: 3, name: '0003_purchases_and_segments' },
  { number: 4, name: '0004_cases_and_sla' },
  { number: 5, name: '0005_campaigns' },
]

// Rows that exist when a column is added need a value: the empty value of the kind. Other kinds must be
// nullable when added after their table.
const EMPTY_VALUE: Partial<Record<FieldKind, string>> = { list: "'[]'", json: "'{}'", boolean: 'false' }

function createTableStep(
  db: Kysely<SqlSchema>,
  entity: EntityDescription,
  number: number,
  dialect: SqlDialect,
  names: TableNames,
) {
  let builder: CreateTableBuilder<string, string> = db.schema
    .createTable(names.table(entity.table))
    .addColumn('tenant_id', dialect.columnType('string'), (c) => c.notNull())
    .addColumn('id', dialect.columnType('string'), (c) => c.notNull())
  for (const [name, def] of Object.entries(entity.fields)) {
    if (def.since > number) continue
    builder = builder.addColumn(columnOf(name, def), dialect.columnType(def.kind), (c) =>
      def.nullable ? c : c.notNull(),
    )
  }
  if (entity.customFields)
    builder = builder.addColumn('custom', dialect.columnType('json'), (c) => c.notNull())
  builder = builder.addPrimaryKeyConstraint(names.index(`${entity.table}_pkey`), ['tenant_id', 'id'])
  for (const fk of entity.foreignKeys) {
    if ((fk.since ?? entity.since) > number) continue
    builder = builder.addForeignKeyConstraint(
      names.index(fk.name),
      ['tenant_id', ...fk.columns],
      names.table(fk.references),
      ['tenant_id', 'id'],
    )
  }
  return builder
}

function migrationNumber(number: number, dialect: SqlDialect, names: TableNames): Migration {
  return {
    async up(db: Kysely<SqlSchema>) {
      for (const entity of ALL_ENTITIES) {
        if (entity.since === number) {
          await createTableStep(db, entity, number, dialect, names).execute()
        } else if (entity.since < number) {
          for (const [name, def] of Object.entries(entity.fields)) {
            if (def.since !== number) continue
            const empty = EMPTY_VALUE[def.kind]
            if (!def.nullable && empty === undefined) {
              throw new Error(
                `${entity.name}.${name}: a ${def.kind} field added after its table must be nullable`,
              )
            }
            await db.schema
              .alterTable(names.table(entity.table))
              .addColumn(columnOf(name, def), dialect.columnType(def.kind), (c) =>
                def.nullable ? c : c.notNull().defaultTo(sql.raw(empty!)),
              )
              .execute()
          }
        }
        for (const index of entity.indexes) {
          if ((index.since ?? entity.since) !== number) continue
          let builder = db.schema
            .createIndex(names.index(index.name))
            .on(names.table(entity.table))
            .columns(['tenant_id', ...index.columns])
          if (index.unique) builder = builder.unique()
          await builder.execute()
        }
        // A dialect without text search builds no index; searching then fails with a ConfigError.
        const search = textSearchTarget(entity, names)
        if (search && dialect.textSearch && (entity.textSearch?.since ?? entity.since) === number) {
          await dialect.textSearch.createIndex(db, search)
        }
      }
    },
    async down(db: Kysely<SqlSchema>) {
      for (const entity of [...ALL_ENTITIES].reverse()) {
        const search = textSearchTarget(entity, names)
        if (search && dialect.textSearch && (entity.textSearch?.since ?? entity.since) === number) {
          await dialect.textSearch.dropIndex(db, search)
        }
        if (entity.since === number) await db.schema.dropTable(names.table(entity.table)).ifExists().execute()
      }
    },
  }
}

/** The in-code migration provider for kysely's Migrator (survives bundling: no file system). */
export function migrationProvider(dialect: SqlDialect, names: TableNames): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {}
      for (const m of MIGRATIONS) out[m.name] = migrationNumber(m.number, dialect, names)
      return out
    },
  }
}

/**
 * `CREATE SCHEMA IF NOT EXISTS`, for dialects with schemas. Two concurrent creates of one schema can collide
 * in the Postgres catalog (a unique violation on pg_namespace for the one that waited); by then the other
 * has committed the schema, so the statement is run once more and finds it.
 */
export async function ensureSchema(db: Kysely<SqlSchema>, schema: string): Promise<void> {
  const create = () => sql`create schema if not exists ${sql.id(schema)}`.execute(db)
  try {
    await create()
  } catch {
    await create()
  }
}
