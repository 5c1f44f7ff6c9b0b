import type { Kysely } from 'kysely'
import { MigrationError } from '../errors/rapport-error'
import type { MigrationReport } from '../storage/storage-port'
import { describeConnectionFailure } from './connection-failure'
import { MigrationRunError, runMigrations } from './migration-runner'
import { ensureSchema, migrationProvider } from './migrations'
import type { SqlDialect, SqlSchema } from './sql-dialect'
import type { TableNames } from './table-names'

function reason(error: unknown): string {
  const connection = describeConnectionFailure(error)
  if (connection) return connection
  return error instanceof Error ? error.message : String(error)
}

/**
 * The store's `migrate()`: creates the schema when the placement names one, then runs every pending
 * migration atomically (see {@link runMigrations}). Safe to run again after a crash at any statement.
 *
 * @throws MigrationError saying what failed and why; for a database that cannot be reached, what is wrong
 * with the connection and how to fix it. The driver's error is the cause.
 */
export async function migrateSqlStore(
  db: Kysely<SqlSchema>,
  dialect: SqlDialect,
  names: TableNames,
  adapter: string,
): Promise<MigrationReport> {
  let schema: string | undefined
  try {
    if (names.schema) await ensureSchema(db, names.schema)
    schema = names.schema ?? (await dialect.currentSchema?.(db))
  } catch (error) {
    const what = names.schema ? `create schema ${names.schema}` : 'read the current schema'
    throw new MigrationError(`${adapter}: could not ${what}: ${reason(error)}`, { cause: error })
  }
  const migrations = await migrationProvider(dialect, names).getMigrations()
  try {
    const applied = await runMigrations(db, migrations, {
      table: names.migrationTable,
      lockTable: names.migrationLockTable,
      ...(schema ? { schema } : {}),
    })
    return { applied }
  } catch (error) {
    // Nothing of a failed migration stays behind (it ran in a transaction), so fixing the cause and running
    // migrate again finishes the job.
    const failure = error instanceof MigrationRunError ? error : undefined
    const cause = failure ? failure.cause : error
    throw new MigrationError(`${adapter}: ${failure?.step ?? 'migrating'} failed: ${reason(cause)}`, {
      cause,
      details: failure?.migration ? { migration: failure.migration } : {},
    })
  }
}
