/**
 * Pipeline benchmark, part 1: a persisted stage move through Rapport (`deals.move`: read the deal and its
 * pipeline, decide with the pure transition, compare-and-set update, history row, outbox row, one
 * transaction) against the raw driver doing the minimum a correct move needs on the same tables: one
 * version-checked UPDATE and one history INSERT in one transaction. SQLite and Postgres.
 * Goal: Rapport ≤ 2× raw.
 *
 * A second Rapport line moves deals of a pipeline whose open stages have entry requirements (a field check and
 * a relative date), so the cost of checking them shows: each stage's filter is compiled once, then bound to
 * each move's instant.
 *
 * Part 2 (the pure transition vs an XState v5 actor, goal ≥ 20×) is `bench/pipeline-transition.ts`; this
 * script runs it at the end so one command prints both.
 *
 * Run: `npx tsx bench/pipeline.ts [--moves N] [--only sqlite|postgres]`
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Crm, createCrm, DEFAULT_SALES_PIPELINE, type Deal, nanoidGenerator } from '@rapport/core'
import { postgresAdapter } from '@rapport/postgres'
import { sqliteAdapter } from '@rapport/sqlite'
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { median, timeAsync } from './lib/median'

const args = process.argv.slice(2)
const MOVES = Number(args[args.indexOf('--moves') + 1] || 2000) || 2000
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined
const PG_URL = process.env.RAPPORT_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const ROUNDS = 5
const CYCLE = ['needsAnalysis', 'proposal', 'negotiation', 'qualification'] as const
const PROBABILITY: Record<string, number> = {
  qualification: 0.1,
  needsAnalysis: 0.2,
  proposal: 0.5,
  negotiation: 0.8,
}
const CATEGORY: Record<string, string> = {
  qualification: 'pipeline',
  needsAnalysis: 'pipeline',
  proposal: 'bestCase',
  negotiation: 'commit',
}

/** Entry requirements of every open stage of the gated pipeline: one field test, one relative date. */
const GATE = {
  and: [
    { field: 'amountMinor', op: 'gt', value: 0 },
    { field: 'createdAt', op: 'inLastDays', value: 30 },
  ],
} as const

interface Target {
  readonly name: string
  /** Rapport: move every deal once to the given stage. */
  rapport(deals: Deal<unknown>[], stage: string): Promise<void>
  /** Rapport: the same moves in the gated pipeline. */
  rapportGated(deals: Deal<unknown>[], stage: string): Promise<void>
  /** The deals of the gated pipeline (same count, amounts and stages as `deals`). */
  readonly gatedDeals: Deal<unknown>[]
  /** Raw driver: the same moves as UPDATE + history INSERT per deal, each in its own transaction. */
  raw(deals: Deal<unknown>[], stage: string, round: number): Promise<void>
  /**
   * Raw driver doing every statement Rapport does: read the deal and its pipeline, UPDATE, history INSERT,
   * outbox INSERT. The difference to Rapport is then Rapport's own code; to `raw`, the extra statements.
   */
  rawFull(deals: Deal<unknown>[], stage: string, round: number): Promise<void>
  close(): Promise<void>
}

async function seed(crm: Crm, count: number) {
  const t = crm.tenant('bench')
  const deals = await t.deals.createMany(
    Array.from({ length: count }, (_, i) => ({
      name: `Deal ${i}`,
      amount: { amountMinor: 10_000 + i, currency: 'USD' },
    })),
  )
  // Its own tenant, so the raw sides (which copy tenant 'bench') and their counts stay as they were.
  const gated = crm.tenant('bench-gated')
  await gated.pipelines.create({
    key: 'gated',
    label: 'Gated',
    currency: 'USD',
    stages: DEFAULT_SALES_PIPELINE.stages.map(({ guards: _, ...stage }) =>
      stage.isClosed ? stage : { ...stage, requirements: GATE },
    ),
  })
  const gatedDeals = await gated.deals.createMany(
    Array.from({ length: count }, (_, i) => ({
      name: `Deal ${i}`,
      pipeline: 'gated',
      amount: { amountMinor: 10_000 + i, currency: 'USD' },
    })),
  )
  const rapportGated = async (list: Deal<unknown>[], stage: string) => {
    for (const deal of list) await gated.deals.move(deal.id, stage)
  }
  return { t, deals, gatedDeals, rapportGated }
}

async function sqliteTarget(count: number): Promise<Target & { deals: Deal<unknown>[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-pipeline-'))
  const crm = createCrm({ adapter: sqliteAdapter({ filename: join(dir, 'crm.db') }) })
  await crm.migrate()
  const { t, deals, gatedDeals, rapportGated } = await seed(crm, count)
  const raw = new BetterSqlite3(join(dir, 'crm.db'))
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = NORMAL')
  const update = raw.prepare(
    'update deals set stage_key = ?, stage_entered_at = ?, probability = ?, forecast_category = ?, expected_revenue_minor = ?, updated_at = ?, version = version + 1 where tenant_id = ? and id = ? and version = ?',
  )
  const history = raw.prepare(
    'insert into deal_stage_changes (tenant_id, id, deal_id, pipeline_id, from_stage, to_stage, amount_minor, currency, probability, forecast_category, actor, reason, reopened, occurred_at, deal_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const readDeal = raw.prepare('select * from deals where tenant_id = ? and id = ?')
  const readPipeline = raw.prepare('select * from pipelines where tenant_id = ? and id = ?')
  const outbox = raw.prepare(
    'insert into outbox (tenant_id, id, type, payload, occurred_at) values (?, ?, ?, ?, ?)',
  )
  const versions = new Map<string, number>()
  const fullMove = raw.transaction((deal: Deal<unknown>, from: string, stage: string, now: string) => {
    const row = readDeal.get('rawfull', deal.id) as { version: number; pipeline_id: string }
    JSON.parse((readPipeline.get('rawfull', row.pipeline_id) as { stages: string }).stages)
    const p = PROBABILITY[stage]!
    const changed = update.run(
      stage,
      now,
      p,
      CATEGORY[stage],
      Math.round((deal.amountMinor ?? 0) * p),
      now,
      'rawfull',
      deal.id,
      row.version,
    )
    if (changed.changes !== 1) throw new Error('conflict')
    history.run(
      'rawfull',
      nanoidGenerator('dsc'),
      deal.id,
      deal.pipelineId,
      from,
      stage,
      deal.amountMinor,
      'USD',
      p,
      CATEGORY[stage],
      null,
      null,
      0,
      now,
      row.version + 1,
    )
    outbox.run(
      'rawfull',
      nanoidGenerator('evt'),
      'deal.stageChanged',
      JSON.stringify({ deal: { ...deal, stageKey: stage } }),
      now,
    )
  })
  const move = raw.transaction((deal: Deal<unknown>, from: string, stage: string, now: string) => {
    const version = versions.get(deal.id) ?? deal.version
    const p = PROBABILITY[stage]!
    const changed = update.run(
      stage,
      now,
      p,
      CATEGORY[stage],
      Math.round((deal.amountMinor ?? 0) * p),
      now,
      'raw',
      deal.id,
      version,
    )
    if (changed.changes !== 1) throw new Error('conflict')
    history.run(
      'raw',
      nanoidGenerator('dsc'),
      deal.id,
      deal.pipelineId,
      from,
      stage,
      deal.amountMinor,
      'USD',
      p,
      CATEGORY[stage],
      null,
      null,
      0,
      now,
      version + 1,
    )
    versions.set(deal.id, version + 1)
  })
  // The raw side works on its own copy of the deals (tenant 'raw'), so both sides make the same moves.
  for (const tenant of ['raw', 'rawfull']) {
    raw.exec(
      `insert into pipelines select '${tenant}', id, version, created_at, updated_at, archived_at, key, label, currency, position, stages, transitions from pipelines where tenant_id = 'bench'`,
    )
    raw.exec(
      `insert into deals select '${tenant}', id, version, created_at, updated_at, archived_at, name, pipeline_id, stage_key, stage_entered_at, amount_minor, currency, probability, probability_overridden, forecast_category, forecast_category_overridden, expected_revenue_minor, close_date, closed_at, is_closed, is_won, close_reason, owner_id, company_id, primary_campaign_id, source, custom from deals where tenant_id = 'bench'`,
    )
  }
  return {
    name: 'SQLite (file, WAL)',
    deals,
    gatedDeals,
    rapport: async (list, stage) => {
      for (const deal of list) await t.deals.move(deal.id, stage)
    },
    rapportGated,
    raw: async (list, stage, round) => {
      const from = round === 0 ? 'qualification' : CYCLE[(round - 1) % CYCLE.length]!
      const now = new Date().toISOString()
      for (const deal of list) move(deal, from, stage, now)
    },
    rawFull: async (list, stage, round) => {
      const from = round === 0 ? 'qualification' : CYCLE[(round - 1) % CYCLE.length]!
      const now = new Date().toISOString()
      for (const deal of list) fullMove(deal, from, stage, now)
    },
    async close() {
      raw.close()
      await crm.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function postgresTarget(count: number): Promise<Target & { deals: Deal<unknown>[] }> {
  const schema = `rapport_bench_pipeline_${process.pid}`
  const pool = new pg.Pool({ connectionString: PG_URL, max: 4 })
  await pool.query(`drop schema if exists ${schema} cascade`)
  const crm = createCrm({ adapter: postgresAdapter({ pool }, { schema }) })
  await crm.migrate()
  const { t, deals, gatedDeals, rapportGated } = await seed(crm, count)
  for (const tenant of ['raw', 'rawfull']) {
    await pool.query(
      `insert into ${schema}.pipelines select '${tenant}', id, version, created_at, updated_at, archived_at, key, label, currency, position, stages, transitions from ${schema}.pipelines where tenant_id = 'bench'`,
    )
    await pool.query(
      `insert into ${schema}.deals select '${tenant}', id, version, created_at, updated_at, archived_at, name, pipeline_id, stage_key, stage_entered_at, amount_minor, currency, probability, probability_overridden, forecast_category, forecast_category_overridden, expected_revenue_minor, close_date, closed_at, is_closed, is_won, close_reason, owner_id, company_id, primary_campaign_id, source, custom from ${schema}.deals where tenant_id = 'bench'`,
    )
  }
  const client = await pool.connect()
  const versions = new Map<string, number>()
  return {
    name: 'Postgres (server)',
    deals,
    gatedDeals,
    rapport: async (list, stage) => {
      for (const deal of list) await t.deals.move(deal.id, stage)
    },
    rapportGated,
    raw: async (list, stage, round) => {
      const from = round === 0 ? 'qualification' : CYCLE[(round - 1) % CYCLE.length]!
      const p = PROBABILITY[stage]!
      for (const deal of list) {
        const now = new Date().toISOString()
        const version = versions.get(deal.id) ?? deal.version
        await client.query('begin')
        const result = await client.query({
          name: 'raw-move',
          text: `update ${schema}.deals set stage_key = $1, stage_entered_at = $2, probability = $3, forecast_category = $4, expected_revenue_minor = $5, updated_at = $2, version = version + 1 where tenant_id = 'raw' and id = $6 and version = $7`,
          values: [stage, now, p, CATEGORY[stage], Math.round((deal.amountMinor ?? 0) * p), deal.id, version],
        })
        if (result.rowCount !== 1) throw new Error('conflict')
        await client.query({
          name: 'raw-history',
          text: `insert into ${schema}.deal_stage_changes (tenant_id, id, deal_id, pipeline_id, from_stage, to_stage, amount_minor, currency, probability, forecast_category, actor, reason, reopened, occurred_at, deal_version) values ('raw', $1, $2, $3, $4, $5, $6, 'USD', $7, $8, null, null, false, $9, $10)`,
          values: [
            nanoidGenerator('dsc'),
            deal.id,
            deal.pipelineId,
            from,
            stage,
            deal.amountMinor,
            p,
            CATEGORY[stage],
            now,
            version + 1,
          ],
        })
        await client.query('commit')
        versions.set(deal.id, version + 1)
      }
    },
    rawFull: async (list, stage, round) => {
      const from = round === 0 ? 'qualification' : CYCLE[(round - 1) % CYCLE.length]!
      const p = PROBABILITY[stage]!
      for (const deal of list) {
        const now = new Date().toISOString()
        await client.query('begin')
        const row = (
          await client.query({
            name: 'rawfull-deal',
            text: `select * from ${schema}.deals where tenant_id = 'rawfull' and id = $1`,
            values: [deal.id],
          })
        ).rows[0] as { version: string; pipeline_id: string }
        await client.query({
          name: 'rawfull-pipeline',
          text: `select * from ${schema}.pipelines where tenant_id = 'rawfull' and id = $1`,
          values: [row.pipeline_id],
        })
        const version = Number(row.version)
        const result = await client.query({
          name: 'rawfull-move',
          text: `update ${schema}.deals set stage_key = $1, stage_entered_at = $2, probability = $3, forecast_category = $4, expected_revenue_minor = $5, updated_at = $2, version = version + 1 where tenant_id = 'rawfull' and id = $6 and version = $7`,
          values: [stage, now, p, CATEGORY[stage], Math.round((deal.amountMinor ?? 0) * p), deal.id, version],
        })
        if (result.rowCount !== 1) throw new Error('conflict')
        await client.query({
          name: 'rawfull-history',
          text: `insert into ${schema}.deal_stage_changes (tenant_id, id, deal_id, pipeline_id, from_stage, to_stage, amount_minor, currency, probability, forecast_category, actor, reason, reopened, occurred_at, deal_version) values ('rawfull', $1, $2, $3, $4, $5, $6, 'USD', $7, $8, null, null, false, $9, $10)`,
          values: [
            nanoidGenerator('dsc'),
            deal.id,
            deal.pipelineId,
            from,
            stage,
            deal.amountMinor,
            p,
            CATEGORY[stage],
            now,
            version + 1,
          ],
        })
        await client.query({
          name: 'rawfull-outbox',
          text: `insert into ${schema}.outbox (tenant_id, id, type, payload, occurred_at) values ('rawfull', $1, 'deal.stageChanged', $2, $3)`,
          values: [nanoidGenerator('evt'), JSON.stringify({ deal: { ...deal, stageKey: stage } }), now],
        })
        await client.query('commit')
      }
    },
    async close() {
      client.release()
      await crm.close()
      await pool.query(`drop schema if exists ${schema} cascade`)
      await pool.end()
    },
  }
}

async function run(make: (count: number) => Promise<Target & { deals: Deal<unknown>[] }>) {
  const target = await make(MOVES)
  const rapport: number[] = []
  const gated: number[] = []
  const raw: number[] = []
  const full: number[] = []
  // Round 0 warms up both sides; rounds alternate so machine noise hits both alike.
  for (let round = 0; round <= ROUNDS; round++) {
    const stage = CYCLE[round % CYCLE.length]!
    const r = await timeAsync(() => target.rapport(target.deals, stage))
    const g = await timeAsync(() => target.rapportGated(target.gatedDeals, stage))
    const w = await timeAsync(() => target.raw(target.deals, stage, round))
    const f = await timeAsync(() => target.rawFull(target.deals, stage, round))
    if (round > 0) {
      rapport.push((r * 1000) / MOVES)
      gated.push((g * 1000) / MOVES)
      raw.push((w * 1000) / MOVES)
      full.push((f * 1000) / MOVES)
    }
  }
  await target.close()
  const ratio = median(rapport) / median(raw)
  const µs = (values: number[]) => `${median(values).toFixed(1).padStart(7)} µs`
  console.log(`  ${target.name}`)
  console.log(`    Rapport deals.move                                   ${µs(rapport)}`)
  console.log(
    `    Rapport deals.move, stages with requirements         ${µs(gated)}   gated/ungated ${(median(gated) / median(rapport)).toFixed(2)}×`,
  )
  console.log(
    `    raw UPDATE + history INSERT                          ${µs(raw)}   Rapport/raw ${ratio.toFixed(2)}× ${ratio <= 2 ? '(goal ≤ 2× met)' : '(goal ≤ 2× NOT met)'}`,
  )
  console.log(
    `    raw with Rapport's statements (+2 reads, +outbox)    ${µs(full)}   Rapport/that ${(median(rapport) / median(full)).toFixed(2)}×`,
  )
}

async function main() {
  console.log(`persisted stage move: ${MOVES} deals moved once per round, median of ${ROUNDS} rounds`)
  if (ONLY !== 'postgres') await run(sqliteTarget)
  if (ONLY !== 'sqlite') await run(postgresTarget)
  console.log('')
  execFileSync(process.execPath, [...process.execArgv, join(import.meta.dirname, 'pipeline-transition.ts')], {
    stdio: 'inherit',
  })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
