import { serve } from '@hono/node-server'
import { createCrm, type StoragePort } from '@rapport/core'
import { postgresAdapter } from '@rapport/postgres'
import { sqliteAdapter } from '@rapport/sqlite'
import { createApp } from './app'
import { seedDemoTenant } from './demo-data'
import { SeedClock } from './seed-clock'

// `pnpm --filter @rapport/example-http-api start` serves on :3000 with a SQLite file;
// `--postgres postgres://...` uses a server instead (in schema `--schema NAME`, default rapport_http_demo),
// `--port N` another port.
async function main() {
  const args = process.argv.slice(2)
  const option = (name: string) => {
    const index = args.indexOf(name)
    return index >= 0 ? args[index + 1] : undefined
  }
  const url = option('--postgres')
  // Always a named schema on Postgres: without one, migrating fails when another schema of the database
  // already holds Rapport's tables (kysely's Migrator, given no schema, takes those tables for its own).
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
