/**
 * Campaign ROI benchmark: `campaigns.report({ model: 'linear' })` over 1k campaigns (100 programs with nine
 * waves each) and about 1M touches, against the same figures written by hand in SQL on the raw driver
 * (bench/lib/campaigns-hand-sql.ts), on the same database in the same run, SQLite and Postgres. The two
 * answers are checked against each other before timing. Goal: Rapport ≤ 1.5× hand-written.
 *
 * Run: `npx tsx bench/campaigns.ts [--campaigns 1000] [--members 1000] [--contacts 20000] [--won 5000]
 *   [--open 2000] [--rounds 5] [--only sqlite|postgres]`
 *
 * Postgres: RAPPORT_BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/test (a schema is created for the
 * run and dropped after). SQLite: a file in a temp dir, removed after.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { type CampaignReport, createCrm } from '@rapport/core'
import type { StoragePort } from '@rapport/core/storage'
import { postgresAdapter } from '@rapport/postgres'
import { sqliteAdapter } from '@rapport/sqlite'
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { type HandFigures, runHandReport } from './lib/campaigns-hand-sql'
import { type CampaignSeedSize, seedCampaignTenant } from './lib/campaigns-seed'
import { median, timeAsync } from './lib/median'

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`)
  return at === -1 ? fallback : Number(args[at + 1]) || fallback
}
const SIZE: CampaignSeedSize = {
  campaigns: option('campaigns', 1000),
  membersPerCampaign: option('members', 1000),
  contacts: option('contacts', 20_000),
  wonDeals: option('won', 5000),
  openDeals: option('open', 2000),
}
const ROUNDS = option('rounds', 5)
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined
const PG_URL = process.env.RAPPORT_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const TENANT = 'bench'

interface Result {
  readonly name: string
  readonly seed: string
  readonly rapportMs: number
  readonly handMs: number
}

/** The two answers agree: counts exactly; revenue within one unit per credited deal (rounding). */
function check(report: CampaignReport, hand: Map<string, HandFigures>) {
  for (const row of report.rows) {
    const h = hand.get(row.campaignId)
    const own = row.own
    const expected = {
      cost: own.actualCostMinor,
      sent: own.sent,
      responses: own.responses,
      leads: own.leads,
      convertedLeads: own.convertedLeads,
      wonDeals: own.wonDeals,
      pipelineInfluenced: own.pipelineInfluencedMinor,
    }
    for (const [key, value] of Object.entries(expected)) {
      const other = h?.[key as keyof HandFigures] ?? 0
      if (other !== value) throw new Error(`${row.campaignId} ${key}: Rapport ${value}, hand SQL ${other}`)
    }
    const drift = Math.abs((h?.revenue ?? 0) - own.attributedRevenueMinor)
    if (drift > own.wonDeals + 1e-6) {
      throw new Error(
        `${row.campaignId} revenue: Rapport ${own.attributedRevenueMinor}, hand SQL ${h?.revenue}`,
      )
    }
  }
}

async function measure(
  name: string,
  adapter: StoragePort,
  hand: () => Promise<Map<string, HandFigures>>,
): Promise<Result> {
  const crm = createCrm({ adapter })
  await crm.migrate()
  const seed = await seedCampaignTenant(crm, adapter, TENANT, SIZE)
  const seedLine =
    `${seed.campaigns.toLocaleString('en-US')} campaigns, ${seed.members.toLocaleString('en-US')} members, ` +
    `${seed.touches.toLocaleString('en-US')} touches, ${seed.deals.toLocaleString('en-US')} deals, seeded in ${seed.seconds.toFixed(0)} s`
  console.log(`  ${name}: ${seedLine}`)
  const t = crm.tenant(TENANT)
  check(await t.campaigns.report({ model: 'linear' }), await hand())
  const rapport: number[] = []
  const handTimes: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    rapport.push(await timeAsync(async () => void (await t.campaigns.report({ model: 'linear' }))))
    handTimes.push(await timeAsync(async () => void (await hand())))
  }
  await crm.close()
  return { name, seed: seedLine, rapportMs: median(rapport), handMs: median(handTimes) }
}

async function sqliteRun(): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-campaigns-'))
  const database = new BetterSqlite3(join(dir, 'crm.db'))
  database.pragma('journal_mode = WAL')
  try {
    const run = async (text: string) => database.prepare(text.replaceAll('$1', '?')).all(TENANT) as never
    return await measure('SQLite', sqliteAdapter({ database }), () => runHandReport(run, '1'))
  } finally {
    database.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function postgresRun(): Promise<Result> {
  const schema = `rapport_bench_campaigns_${process.pid}`
  const pool = new pg.Pool({ connectionString: PG_URL, max: 2, options: `-c search_path=${schema}` })
  try {
    await pool.query('select 1')
  } catch (error) {
    await pool.end()
    throw new Error(`Postgres at ${PG_URL} is unreachable (set RAPPORT_BENCH_PG_URL): ${String(error)}`)
  }
  try {
    const run = async (text: string) => (await pool.query(text, [TENANT])).rows
    return await measure('Postgres', postgresAdapter({ connectionString: PG_URL }, { schema }), () =>
      runHandReport(run, 'true'),
    )
  } finally {
    await pool.query(`drop schema if exists "${schema}" cascade`)
    await pool.end()
  }
}

console.log(
  `Campaign ROI report (linear model), median of ${ROUNDS} interleaved rounds; ` +
    `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`,
)
const results: Result[] = []
if (ONLY !== 'postgres') results.push(await sqliteRun())
if (ONLY !== 'sqlite') results.push(await postgresRun())
console.log()
console.log('| adapter | Rapport report ms | hand-written SQL ms | Rapport / hand |')
console.log('| --- | ---: | ---: | ---: |')
for (const r of results) {
  console.log(
    `| ${r.name} | ${r.rapportMs.toFixed(1)} | ${r.handMs.toFixed(1)} | ${(r.rapportMs / r.handMs).toFixed(2)}× |`,
  )
}
console.log('Goal: Rapport ≤ 1.5× the hand-written SQL.')
