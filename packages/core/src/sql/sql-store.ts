import { type Kysely, Migrator, sql } from 'kysely'
import { ConfigError, MigrationError } from '../errors/rapport-error'
import type { MigrationReport, StoragePort, StorageTransaction } from '../storage/storage-port'
import { ensureSchema, migrationProvider } from './migrations'
import type { SqlDialect, SqlSchema } from './sql-dialect'
import { translateError } from './sql-errors'
import { SqlReader } from './sql-reader'
import { SqlTransaction } from './sql-transaction'
import { StatementTexts } from './statement-texts'
import { checkTablePlacement, TableNames, type TablePlacement } from './table-names'

/** Options of {@link createSqlStore}. */
export interface SqlStoreOptions {
  /** Adapter name for messages. */
  readonly name: string
  /** The kysely instance the adapter built for its driver. */
  readonly db: Kysely<SqlSchema>
  readonly dialect: SqlDialect
  /** Where the tables live. */
  readonly placement?: TablePlacement
  /** Called by `close()`: release what the adapter opened. */
  readonly onClose?: () => Promise<void>
}

/**
 * The kysely implementation of the storage port, shared by the SQLite and Postgres adapters. The adapter
 * supplies a kysely instance for its driver and its {@link SqlDialect}; everything else lives here.
 */
export function createSqlStore(options: SqlStoreOptions): StoragePort {
  const placementProblem = checkTablePlacement(options.placement ?? {})
  if (placementProblem) throw new ConfigError(`${options.name} adapter: ${placementProblem}`)
  const { db, dialect, name } = options
  const names = new TableNames(options.placement)
  const texts = new StatementTexts()
  const reader = new SqlReader(texts, db, dialect, names, name)
  let closed = false

  return {
    name,
    capabilities: {
      concurrentTransactions: dialect.concurrentTransactions,
      textSearch: dialect.textSearch !== undefined,
    },
    reader,

    async migrate(): Promise<MigrationReport> {
      let migrationSchema: string | undefined
      try {
        if (names.schema) await ensureSchema(db, names.schema)
        migrationSchema = names.schema ?? (await dialect.currentSchema?.(db))
      } catch (error) {
        const what = names.schema ? `create schema ${names.schema}` : 'read the current schema'
        throw new MigrationError(`${name}: could not ${what}`, { cause: error })
      }
      const migrator = new Migrator({
        db,
        provider: migrationProvider(dialect, names),
        // Migration numbers are taken by features built in parallel and merged in any order, so a database
        // may have run 5 before 4 exists. Each number creates only what carries its own `since`, so they do
        // not depend on each other's order; kysely still refuses one it ran but no longer knows.
        allowUnorderedMigrations: true,
        migrationTableName: names.migrationTable,
        migrationLockTableName: names.migrationLockTable,
        ...(migrationSchema ? { migrationTableSchema: migrationSchema } : {}),
      })
      const { error, results } = await migrator.migrateToLatest()
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName
        const message = error instanceof Error ? error.message : String(error)
        throw new MigrationError(`${name}: migration ${failed ?? '(setup)'} failed: ${message}`, {
          cause: error,
        })
      }
      return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) }
    },

    async transaction<T>(work: (tx: StorageTransaction) => Promise<T>): Promise<T> {
      try {
        return await db.transaction().execute(async (trx) => {
          const tx = new SqlTransaction(texts, trx, dialect, names, name)
          const result = await work(tx)
          await tx.flush()
          return result
        })
      } catch (error) {
        throw translateError(error, dialect, name, 'transaction')
      }
    },

    async ensureIndex(index) {
      try {
        const expressions = index.fields.map((field) => dialect.fieldValue(field))
        const table = sql.table(names.table(index.entity.table))
        await sql`create index if not exists ${sql.id(names.index(index.name))} on ${table} (${sql.ref('tenant_id')}, ${sql.join(expressions)})`.execute(
          db,
        )
      } catch (error) {
        throw translateError(error, dialect, name, `creating index ${index.name}`)
      }
    },

    async close() {
      if (closed) return
      closed = true
      await options.onClose?.()
    },
  }
}
