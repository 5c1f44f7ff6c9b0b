import { postgresAdapter } from '@rapport/postgres'
import pg from 'pg'
import { BENCH_TENANT, numberedPlaceholders, type RawQuery, type RawSqlFlavor } from './segments-cases'
import { benchClock, createSegmentCrm } from './segments-crm'
import { seedThroughRapport } from './segments-seed'
import { type CapturedQuery, type PlanCacheUse, QueryCapture, type SqlTarget } from './segments-sql-target'

/** Where the benchmark's Postgres is. */
export function segmentsPostgresUrl(): string {
  return process.env.RAPPORT_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
}

function flavorFor(schema: string): RawSqlFlavor {
  return {
    table: (name) => `"${schema}".${name}`,
    tierOfContact: `c.custom->>'tier'`,
    countryTierIndex: `create index if not exists raw_contacts_country_tier
      on "${schema}".contacts (tenant_id, country, (custom->>'tier'))`,
  }
}

// EXPLAIN's plan nodes on one line; conditions and keys (the lines with a colon) are left out.
function planNodes(lines: readonly string[]): string {
  return lines
    .map((line) => line.trim().replace(/^->\s+/, ''))
    .filter((line) => !line.includes(':'))
    .join(' > ')
}

/**
 * A fresh schema on the benchmark's Postgres, seeded through Rapport, plus a pg client for the
 * hand-written queries (unnamed statements, as `pool.query(text, values)` sends them). Rapport gets a
 * one-connection pool of its own, so the plan cache of its named statements can be read on that
 * connection. That pool never closes its idle connection: pg's default (10 s) would drop it while the
 * hand-written queries of a round run, and with it every prepared statement and its plan-cache history.
 * The schema is dropped on close.
 */
export async function openPostgresTarget(contacts: number, log: (line: string) => void): Promise<SqlTarget> {
  const url = segmentsPostgresUrl()
  const schema = `rapport_bench_segments_${process.pid}`
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  let client: pg.PoolClient
  try {
    client = await pool.connect()
  } catch (error) {
    await pool.end()
    throw new Error(`Postgres at ${url} is unreachable (set RAPPORT_BENCH_PG_URL): ${String(error)}`, {
      cause: error,
    })
  }
  const clock = benchClock()
  const capture = new QueryCapture()
  const rapportPool = new pg.Pool({ connectionString: url, max: 1, idleTimeoutMillis: 0 })
  const crm = createSegmentCrm(
    postgresAdapter({ pool: rapportPool }, { schema, onQuery: capture.onQuery }),
    clock,
  )
  const dropAll = async () => {
    await crm.close()
    await rapportPool.end()
    await client.query(`drop schema if exists "${schema}" cascade`)
    client.release()
    await pool.end()
  }
  try {
    await client.query(`drop schema if exists "${schema}" cascade`)
    await crm.migrate()
    const tenant = crm.tenant(BENCH_TENANT)
    const seed = await seedThroughRapport({ tenant, clock, contacts, log })
    const version = (await client.query<{ v: string }>(`select current_setting('server_version') as v`))
      .rows[0]!.v
    const explain = async (text: string, values: readonly unknown[]) => {
      const result = await client.query<{ 'QUERY PLAN': string }>(`explain (costs off) ${text}`, [...values])
      return planNodes(result.rows.map((row) => row['QUERY PLAN']))
    }
    // EXPLAIN takes no bind parameters, so the values go in as literals of a PREPARE'd statement.
    const explainGeneric = async (query: CapturedQuery) => {
      const literals = query.parameters.map((value) => client.escapeLiteral(String(value))).join(', ')
      await client.query(`prepare bench_generic as ${query.sql}`)
      try {
        await client.query('set plan_cache_mode = force_generic_plan')
        const result = await client.query<{ 'QUERY PLAN': string }>(
          `explain (costs off) execute bench_generic(${literals})`,
        )
        return planNodes(result.rows.map((row) => row['QUERY PLAN']))
      } finally {
        await client.query('deallocate bench_generic')
        await client.query('reset plan_cache_mode')
      }
    }
    const planCache = async (query: CapturedQuery): Promise<PlanCacheUse | undefined> => {
      const { rows } = await rapportPool.query<{ generic_plans: string; custom_plans: string }>(
        'select generic_plans, custom_plans from pg_prepared_statements where statement = $1',
        [query.sql],
      )
      if (!rows[0]) return undefined
      const use = { genericRuns: Number(rows[0].generic_plans), customRuns: Number(rows[0].custom_plans) }
      return use.genericRuns === 0 ? use : { ...use, genericPlan: await explainGeneric(query) }
    }
    return {
      database: 'postgres',
      description: `Postgres ${version} (server)`,
      crm,
      tenant,
      capture,
      flavor: flavorFor(schema),
      seed,
      async rawCount(query: RawQuery) {
        const result = await client.query<{ n: string }>(numberedPlaceholders(query.text), [...query.values])
        return Number(result.rows[0]!.n)
      },
      async rawPageIds(query: RawQuery) {
        const result = await client.query<{ id: string }>(numberedPlaceholders(query.text), [...query.values])
        return result.rows.map((row) => row.id)
      },
      explainRapport: (query) => explain(query.sql, query.parameters),
      explainRaw: (query) => explain(numberedPlaceholders(query.text), query.values),
      planCache,
      execute: async (text) => {
        await client.query(text)
      },
      analyze: async () => {
        // A bulk load leaves the visibility map unset and no statistics; autovacuum would fix both later.
        await client.query(`vacuum (analyze) "${schema}".contacts, "${schema}".purchases`)
      },
      close: dropAll,
    }
  } catch (error) {
    await dropAll()
    throw error
  }
}
