import { createCrm } from '@rapport/core'
import { columnSpecs, decodeRow, encodeRowValues, type SqlSchema } from '@rapport/core/sql'
import { contactEntity, type FieldKind } from '@rapport/core/storage'
import { postgresAdapter, postgresDialect } from '@rapport/postgres'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { type BenchContactInput, benchContactCustomFields } from './contact-fixtures'
import type { DatabaseImportResult } from './import-result'
import { type TimedStep, timeInterleaved } from './import-timing'
import { CHUNK_ROWS, preparedInsertPerRow, unnestInsertPerChunk } from './postgres-raw-inserts'

const TENANT = 'bench'
const CONTACT_SPECS = columnSpecs(contactEntity)
const CONTACT_COLUMNS = ['tenant_id', ...CONTACT_SPECS.map((spec) => spec.column)]
const CONTACT_KINDS: FieldKind[] = ['string', ...CONTACT_SPECS.map((spec) => spec.kind)]

/** Where the benchmark's Postgres is. */
export function benchPostgresUrl(): string {
  return process.env.RAPPORT_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
}

async function connect(pool: pg.Pool, url: string): Promise<pg.PoolClient> {
  try {
    return await pool.connect()
  } catch (error) {
    await pool.end()
    throw new Error(`Postgres at ${url} is unreachable (set RAPPORT_BENCH_PG_URL): ${String(error)}`, {
      cause: error,
    })
  }
}

/**
 * The stored contacts as Rapport's codec encodes them for pg (ISO timestamps, JSON as text, numbers), so
 * the raw paths send exactly the values Rapport sends.
 */
async function encodedStoredContacts(client: pg.PoolClient, table: string): Promise<unknown[][]> {
  const dialect = postgresDialect()
  const result = await client.query<Record<string, unknown>>(`select * from ${table}`)
  return result.rows.map((row) =>
    encodeRowValues(dialect, contactEntity, TENANT, decodeRow(dialect, contactEntity, row)),
  )
}

/**
 * Rapport's `createMany` vs pg inserting the same encoded values into a copy of Rapport's contacts table
 * (`like ... including all`): (a) one named prepared INSERT per row, the baseline, and (b) one
 * multi-row INSERT per 5000 rows. Runs in a fresh schema, dropped after.
 */
export async function measurePostgresImport(
  inputs: readonly BenchContactInput[],
  runs: number,
): Promise<DatabaseImportResult> {
  const url = benchPostgresUrl()
  const schema = `rapport_bench_import_${process.pid}_${Date.now().toString(36)}`
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  const client = await connect(pool, url)
  const crm = createCrm({
    adapter: postgresAdapter({ connectionString: url }, { schema }),
    customFields: { contact: benchContactCustomFields },
  })
  // A kysely over the bench pool, to run Rapport's bulk statement alone; the pool is ended below.
  const kysely = new Kysely<SqlSchema>({
    dialect: new PostgresDialect({ pool: { connect: () => pool.connect(), end: async () => {} } }),
  })
  const contactsTable = `"${schema}".contacts`
  const rawTable = `"${schema}".raw_contacts`
  const emptying = (tables: string) => async () => {
    await client.query(`truncate ${tables} cascade`)
  }
  try {
    await crm.migrate()
    const contacts = crm.tenant(TENANT).contacts
    const rapportStep: TimedStep = {
      prepare: emptying(`${contactsTable}, "${schema}".outbox`),
      run: async () => {
        await contacts.createMany(inputs)
      },
    }
    // One import first, to read back what Rapport stores and insert the same values raw.
    await rapportStep.prepare?.()
    await rapportStep.run()
    const rows = await encodedStoredContacts(client, contactsTable)
    await client.query(`create table ${rawTable} (like ${contactsTable} including all)`)

    const { bulkInsert } = postgresDialect()
    if (!bulkInsert) throw new Error('the Postgres dialect has no bulkInsert to measure')
    const bulk = {
      table: `${schema}.raw_contacts`,
      columns: CONTACT_COLUMNS,
      kinds: CONTACT_KINDS,
      count: rows.length,
      rows,
    }
    const rawSteps: TimedStep[] = [
      { prepare: emptying(rawTable), run: preparedInsertPerRow(client, rawTable, CONTACT_COLUMNS, rows) },
      {
        prepare: emptying(rawTable),
        run: await unnestInsertPerChunk(client, rawTable, CONTACT_COLUMNS, rows),
      },
      {
        prepare: emptying(rawTable),
        run: () => kysely.transaction().execute((trx) => bulkInsert(trx, bulk)),
      },
    ]
    const [rapport, perRow, perChunk, rapportStatements] = await timeInterleaved(
      [rapportStep, ...rawSteps],
      runs,
    )

    return {
      database: 'postgres',
      rapport: { label: 'Rapport contacts.createMany', timing: rapport! },
      baselines: [
        { label: 'pg named prepared insert per row, 1 tx', timing: perRow!, goal: 0.8 },
        { label: `pg multi-row insert (unnest), ${CHUNK_ROWS}-row chunks, 1 tx`, timing: perChunk! },
      ],
      statements: {
        label: "Rapport's bulkInsert alone (jsonb_populate_recordset)",
        timing: rapportStatements!,
      },
    }
  } finally {
    await crm.close()
    await kysely.destroy()
    await client.query(`drop schema if exists "${schema}" cascade`)
    client.release()
    await pool.end()
  }
}
