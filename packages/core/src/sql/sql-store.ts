import { type Kysely, sql } from 'kysely'
import { ConfigError } from '../errors/rapport-error'
import type { MigrationReport, StoragePort, StorageTransaction } from '../storage/storage-port'
import type { SqlDialect, SqlSchema } from './sql-dialect'
import { translateError } from './sql-errors'
import { SqlReader } from './sql-reader'
import { SqlTransaction } from './sql-transaction'
import { StatementTexts } from './statement-texts'
import { migrateSqlStore } from './store-migration'
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

    migrate(): Promise<MigrationReport> {
      return migrateSqlStore(db, dialect, names, name)
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
