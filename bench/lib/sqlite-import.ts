import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCrm } from '@rapport/core'
import { columnSpecs } from '@rapport/core/sql'
import { contactEntity } from '@rapport/core/storage'
import { sqliteAdapter } from '@rapport/sqlite'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { type BenchContactInput, benchContactCustomFields } from './contact-fixtures'
import type { DatabaseImportResult } from './import-result'
import { type TimedStep, timeInterleaved } from './import-timing'

const TENANT = 'bench'
const CONTACT_COLUMNS = ['tenant_id', ...columnSpecs(contactEntity).map((spec) => spec.column)]

// The same pragmas sqliteAdapter({ filename }) sets, so the raw database does the same I/O work.
function openLikeRapport(filename: string): Database {
  const database = new BetterSqlite3(filename)
  database.pragma('journal_mode = WAL')
  database.pragma('synchronous = NORMAL')
  database.pragma('busy_timeout = 5000')
  database.pragma('foreign_keys = ON')
  return database
}

function emptyTables(database: Database, tables: readonly string[]) {
  for (const table of tables) database.exec(`delete from ${table}`)
  // Every run starts from an empty WAL, so no run pays for an earlier run's checkpoint.
  database.pragma('wal_checkpoint(TRUNCATE)')
}

/** The contacts table and its indexes exactly as Rapport's migration created them. */
function copyContactsSchema(from: Database, to: Database) {
  // The table first: its indexes need it.
  const query = `select sql from sqlite_master where tbl_name = 'contacts' and sql is not null
    order by type = 'table' desc`
  const statements = from.prepare(query).pluck().all() as string[]
  for (const statement of statements) to.exec(statement)
}

/**
 * Rapport's `createMany` on a WAL database file vs better-sqlite3 inserting the same stored values with one
 * prepared statement per row in one transaction, into an identical table in a second file.
 */
export async function measureSqliteImport(
  inputs: readonly BenchContactInput[],
  runs: number,
): Promise<DatabaseImportResult> {
  const directory = mkdtempSync(join(tmpdir(), 'rapport-import-bench-'))
  const rapportFile = join(directory, 'rapport.db')
  const crm = createCrm({
    adapter: sqliteAdapter({ filename: rapportFile }),
    customFields: { contact: benchContactCustomFields },
  })
  let rapportSide: Database | undefined
  let rawDatabase: Database | undefined
  try {
    await crm.migrate()
    // A second connection to Rapport's file, for emptying tables between runs and reading what was stored.
    rapportSide = openLikeRapport(rapportFile)
    const side = rapportSide
    const contacts = crm.tenant(TENANT).contacts
    const rapportStep: TimedStep = {
      prepare: () => emptyTables(side, ['contacts', 'outbox']),
      run: async () => {
        await contacts.createMany(inputs)
      },
    }
    // One import first, to read back the column values Rapport stores and insert the same ones raw.
    await rapportStep.prepare?.()
    await rapportStep.run()
    const storedRows = side
      .prepare(`select ${CONTACT_COLUMNS.join(', ')} from contacts`)
      .raw()
      .all() as unknown[][]

    rawDatabase = openLikeRapport(join(directory, 'raw.db'))
    copyContactsSchema(side, rawDatabase)
    const raw = rawDatabase
    const parameters = CONTACT_COLUMNS.map(() => '?').join(', ')
    const insert = raw.prepare(`insert into contacts (${CONTACT_COLUMNS.join(', ')}) values (${parameters})`)
    const insertAll = raw.transaction((rows: readonly unknown[][]) => {
      for (const row of rows) insert.run(row)
    })
    const rawStep: TimedStep = {
      prepare: () => emptyTables(raw, ['contacts']),
      run: () => insertAll(storedRows),
    }

    const [rapport, rawPrepared] = await timeInterleaved([rapportStep, rawStep], runs)
    const rawPath = { label: 'better-sqlite3 prepared insert per row, 1 tx', timing: rawPrepared! }

    return {
      database: 'sqlite',
      rapport: { label: 'Rapport contacts.createMany', timing: rapport! },
      baselines: [{ ...rawPath, goal: 0.5 }],
      // Rapport's SQLite bulk path runs this very statement per row, so the raw run is its statement cost.
      statements: rawPath,
    }
  } finally {
    rawDatabase?.close()
    rapportSide?.close()
    await crm.close()
    rmSync(directory, { recursive: true, force: true })
  }
}
