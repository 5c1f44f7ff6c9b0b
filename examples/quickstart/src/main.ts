import { join } from 'node:path'
import { createCrm } from '@rapport/core'
import type { StoragePort } from '@rapport/core/storage'
import { postgresAdapter } from '@rapport/postgres'
import { sqliteAdapter } from '@rapport/sqlite'
import { repairShopFields, repairShopPipelines } from './custom-fields'
import { runQuickstart } from './story'
import { StoryClock } from './story-clock'

// `pnpm demo` runs on a fresh SQLite file; `pnpm demo --postgres postgres://...` on a server (in a schema of
// its own, dropped first, so the demo can be run again and again).
async function main() {
  const args = process.argv.slice(2)
  const pgIndex = args.indexOf('--postgres')
  let adapter: StoragePort
  if (pgIndex >= 0) {
    const url = args[pgIndex + 1]
    if (!url)
      throw new Error('--postgres needs a connection URL, e.g. postgres://postgres@127.0.0.1:5432/test')
    const pg = await import('pg')
    const admin = new pg.default.Client({ connectionString: url })
    await admin.connect()
    await admin.query('drop schema if exists rapport_demo cascade')
    await admin.end()
    adapter = postgresAdapter({ connectionString: url }, { schema: 'rapport_demo' })
    console.log(`Rapport quickstart on Postgres (schema rapport_demo)`)
  } else {
    const { rmSync } = await import('node:fs')
    const file = join(process.cwd(), 'rapport-demo.db')
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
    adapter = sqliteAdapter({ filename: file })
    console.log(`Rapport quickstart on SQLite (${file})`)
  }
  const clock = new StoryClock()
  const crm = createCrm({ adapter, clock, customFields: repairShopFields, pipelines: repairShopPipelines })
  await crm.migrate()
  const started = performance.now()
  const figures = await runQuickstart(crm, clock)
  await crm.close()
  console.log(`\nKey figures: ${JSON.stringify(figures)}`)
  console.log(`Done in ${Math.round(performance.now() - started)} ms.`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
