import { serve } from '@hono/node-server'
import { createCrm } from '@rapport/core'
import type { StoragePort } from '@rapport/core/storage'
import { postgresAdapter } from '@rapport/postgres'
import { sqliteAdapter } from '@rapport/sqlite'
import { createApp } from './app'
import { seedDemoTenant } from './demo-data'
import { SeedClock } from './seed-clock'

// `npx tsx examples/http-api/src/main.ts` (from the repository root, or `pnpm start` here) serves on :3000
// with a SQLite file (`--db FILE` to name it);
// `--postgres postgres://...` uses a server instead (in schema `--schema NAME`, default rapport_http_demo),
// `--port N` another port.
async function main() {
  const args = process.argv.slice(2)
  const option = (name: string) => {
    const index = args.indexOf(name)
    return index >= 0 ? args[index + 1] : undefined
  }
  const url = option('--postgres')
  // A schema of its own on Postgres, so the demo's tables never mix with anything else in the database.
  const schema = option('--schema') ?? 'rapport_http_demo'
  const adapter: StoragePort = url
    ? postgresAdapter({ connectionString: url }, { schema })
    : sqliteAdapter({ filename: option('--db') ?? 'rapport-http.db' })
  const clock = new SeedClock()
  const crm = createCrm({ adapter, clock })
  await crm.migrate()
  await seedDemoTenant(crm.tenant('demo'), clock)
  const port = Number(option('--port') ?? 3000)
  const server = serve({ fetch: createApp(crm, { clock }).fetch, port }, (info) => {
    console.log(`Rapport HTTP API on http://localhost:${info.port} (dashboard at /, JSON under /api)`)
  })
  const stop = () => server.close(() => void crm.close().then(() => process.exit(0)))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
