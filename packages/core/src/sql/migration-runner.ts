import { type Kysely, type Migration, sql } from 'kysely'
import type { SqlSchema } from './sql-dialect'

/**
 * Where the runner records what ran: kysely's Migrator tables (`name`, `timestamp` in the migration table;
 * one `migration_lock` row in the lock table), so databases migrated by kysely's Migrator carry on here.
 */
export interface MigrationBookkeeping {
  /** Migration table name (unqualified). */
  readonly table: string
  /** Lock table name (unqualified). */
  readonly lockTable: string
  /** Schema of both tables; the connection's default when omitted. */
  readonly schema?: string
}

/** A migration run that stopped: what it was doing, and the driver's error as `cause`. */
export class MigrationRunError extends Error {
  /** The migration that failed, or undefined when the bookkeeping failed before any migration ran. */
  readonly migration: string | undefined
  /** What the runner was doing, for messages: `creating the bookkeeping tables`, `migration 0003_x`. */
  readonly step: string

  constructor(step: string, migration: string | undefined, cause: unknown) {
    super(`${step} failed`, { cause })
    this.name = 'MigrationRunError'
    this.step = step
    this.migration = migration
  }
}

// kysely's MIGRATION_LOCK_ID: the one row of the lock table.
const LOCK_ROW = 'migration_lock'

/**
 * Runs every migration not yet recorded, in name order, each in its own transaction together with the row
 * that records it, and returns the names it ran. Both databases Rapport ships for have transactional DDL, so
 * a process killed at any statement leaves each migration either wholly applied and recorded or not at
 * all, and the next run finishes the job. kysely's Migrator cannot promise that on SQLite: its adapter
 * reports no transactional DDL, so it runs each statement on its own and records the migration afterwards.
 *
 * Two runs at once (two processes on one database) are serialized by the lock row, which each migration's
 * transaction writes first; the later one then sees the migration recorded and skips it.
 *
 * Migrations run in name order, including one named below a migration already recorded: migration numbers
 * are taken by features built in parallel and merged in any order, and each creates only what carries its
 * own number, so they do not depend on each other's order. A recorded migration that `migrations` lacks
 * (the database was migrated by a newer Rapport) stops the run before anything is written.
 *
 * @throws MigrationRunError naming the step that failed; the driver's error is its `cause`.
 */
export async function runMigrations(
  db: Kysely<SqlSchema>,
  migrations: Readonly<Record<string, Migration>>,
  book: MigrationBookkeeping,
): Promise<string[]> {
  try {
    await ensureBookkeeping(db, book)
  } catch (error) {
    throw new MigrationRunError('creating the migration bookkeeping tables', undefined, error)
  }
  let recorded: Set<string>
  try {
    recorded = new Set(
      (await inSchema(db, book).selectFrom(book.table).select('name').execute()).map((r) => String(r.name)),
    )
  } catch (error) {
    throw new MigrationRunError('reading the migrations already run', undefined, error)
  }
  const unknown = [...recorded].filter((name) => !(name in migrations)).sort()
  if (unknown.length > 0) {
    throw new MigrationRunError(
      'checking the migrations already run',
      undefined,
      new Error(
        `the database records migration ${unknown.join(', ')}, which this version of Rapport does not know: it was migrated by a newer Rapport, so upgrade Rapport (or restore a backup taken before that migration)`,
      ),
    )
  }

  const applied: string[] = []
  for (const name of Object.keys(migrations).sort()) {
    if (recorded.has(name)) continue
    try {
      const ran = await db.transaction().execute(async (trx) => {
        const scoped = inSchema(trx, book)
        // Written first, so this transaction holds the write lock (SQLite) or the row lock (Postgres) before
        // it reads: a concurrent run waits here, then finds the migration recorded.
        await scoped.updateTable(book.lockTable).set({ is_locked: 1 }).where('id', '=', LOCK_ROW).execute()
        const done = await scoped
          .selectFrom(book.table)
          .select('name')
          .where('name', '=', name)
          .executeTakeFirst()
        if (done) return false
        await migrations[name]!.up(trx)
        await scoped.insertInto(book.table).values({ name, timestamp: new Date().toISOString() }).execute()
        await scoped.updateTable(book.lockTable).set({ is_locked: 0 }).where('id', '=', LOCK_ROW).execute()
        return true
      })
      if (ran) applied.push(name)
    } catch (error) {
      throw new MigrationRunError(`migration ${name}`, name, error)
    }
  }
  return applied
}

function inSchema(db: Kysely<SqlSchema>, book: MigrationBookkeeping): Kysely<SqlSchema> {
  return book.schema ? db.withSchema(book.schema) : db
}

/**
 * Creates the two bookkeeping tables and the lock row where missing. Each step is one statement that is
 * harmless to repeat, so a run killed between them is completed by the next.
 */
async function ensureBookkeeping(db: Kysely<SqlSchema>, book: MigrationBookkeeping): Promise<void> {
  const schema = book.schema ? db.schema.withSchema(book.schema) : db.schema
  await createTableOnce(db, book, book.table, () =>
    schema
      .createTable(book.table)
      .ifNotExists()
      .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
      .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
      .execute(),
  )
  await createTableOnce(db, book, book.lockTable, () =>
    schema
      .createTable(book.lockTable)
      .ifNotExists()
      .addColumn('id', 'varchar(255)', (c) => c.notNull().primaryKey())
      .addColumn('is_locked', 'integer', (c) => c.notNull().defaultTo(0))
      .execute(),
  )
  const scoped = inSchema(db, book)
  const lock = await scoped
    .selectFrom(book.lockTable)
    .select('id')
    .where('id', '=', LOCK_ROW)
    .executeTakeFirst()
  if (!lock) {
    await scoped
      .insertInto(book.lockTable)
      .values({ id: LOCK_ROW, is_locked: 0 })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
  }
}

// `if not exists` makes the statement harmless to repeat and writes nothing when the table is there (so a
// fully migrated read-only database is fine). It can still fail with the table present: two concurrent
// creates can collide in the Postgres catalog, and Postgres checks the right to create before it looks. A
// table that answers a query is there, whatever the create said. (Listing the tables instead would read
// the whole catalog, which grows with every other schema in the database.)
async function createTableOnce(
  db: Kysely<SqlSchema>,
  book: MigrationBookkeeping,
  table: string,
  create: () => Promise<void>,
): Promise<void> {
  try {
    await create()
  } catch (error) {
    const present = await inSchema(db, book)
      .selectFrom(table)
      .select(sql<number>`1`.as('one'))
      .limit(0)
      .execute()
      .then(
        () => true,
        () => false,
      )
    if (!present) throw error
  }
}
