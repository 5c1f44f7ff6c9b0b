import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sqliteAdapter } from '@rapport/sqlite'
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3'
import { BENCH_TENANT, type RawQuery, type RawSqlFlavor } from './segments-cases'
import { benchClock, createSegmentCrm } from './segments-crm'
import { seedThroughRapport } from './segments-seed'
import { QueryCapture, type SqlTarget } from './segments-sql-target'

const FLAVOR: RawSqlFlavor = {
  table: (name) => name,
  tierOfContact: `json_extract(c.custom, '$.tier')`,
  countryTierIndex: `create index if not exists raw_contacts_country_tier
    on contacts (tenant_id, country, json_extract(custom, '$.tier'))`,
}

// The same pragmas sqliteAdapter({ filename }) sets, so both connections read the file the same way.
function openLikeRapport(filename: string): Database {
  const database = new BetterSqlite3(filename)
  database.pragma('journal_mode = WAL')
  database.pragma('synchronous = NORMAL')
  database.pragma('busy_timeout = 5000')
  database.pragma('foreign_keys = ON')
  return database
}

/**
 * A SQLite file in a temp dir, seeded through Rapport, plus a second better-sqlite3 connection to the same
 * file for the hand-written queries. Statements are prepared once and reused on both sides.
 */
export async function openSqliteTarget(contacts: number, log: (line: string) => void): Promise<SqlTarget> {
  const directory = mkdtempSync(join(tmpdir(), 'rapport-bench-segments-'))
  const filename = join(directory, 'crm.db')
  const clock = benchClock()
  const capture = new QueryCapture()
  const crm = createSegmentCrm(sqliteAdapter({ filename }, { onQuery: capture.onQuery }), clock)
  let raw: Database | undefined
  try {
    await crm.migrate()
    const tenant = crm.tenant(BENCH_TENANT)
    const seed = await seedThroughRapport({ tenant, clock, contacts, log })
    const database = openLikeRapport(filename)
    raw = database
    const statements = new Map<string, Statement>()
    const prepared = (text: string) => {
      let statement = statements.get(text)
      if (!statement) {
        statement = database.prepare(text)
        statements.set(text, statement)
      }
      return statement
    }
    const explain = (text: string, values: readonly unknown[]) => {
      const rows = database.prepare(`explain query plan ${text}`).all(...values) as { detail: string }[]
      return rows.map((row) => row.detail).join(' | ')
    }
    return {
      database: 'sqlite',
      description: `SQLite ${database.prepare('select sqlite_version() as v').pluck().get()} (file, WAL)`,
      crm,
      tenant,
      capture,
      flavor: FLAVOR,
      seed,
      rawCount: async (query: RawQuery) =>
        Number(
          prepared(query.text)
            .pluck()
            .get(...query.values),
        ),
      rawPageIds: async (query: RawQuery) =>
        (prepared(query.text).all(...query.values) as { id: string }[]).map((row) => row.id),
      explainRapport: async (query) => explain(query.sql, query.parameters),
      explainRaw: async (query) => explain(query.text, query.values),
      execute: async (text) => {
        database.exec(text)
      },
      analyze: async () => {
        database.exec('analyze')
      },
      async close() {
        database.close()
        await crm.close()
        rmSync(directory, { recursive: true, force: true })
      },
    }
  } catch (error) {
    raw?.close()
    await crm.close()
    rmSync(directory, { recursive: true, force: true })
    throw error
  }
}
