import { serve } from '@hono/node-server'
import { createCrm, type StoragePort } from '@rapport/core'
import { postgresAdapter } from '@rapport/postgres'
import { sqliteAdapter } from '@rapport/sqlite'
import { createApp } from './app'
import { seedDemoTenant } from './demo-data'
import { SeedClock } from './seed-clock'

// `pnpm --filter @rapport/example-http-api start` serves on :3000 with a SQLite file;
// `--postgres postgres://...` uses a server instead, `--port N` another port.
async function main() {
  const args = process.argv.slice(2)
  const option = (name: string) => {
    const index = args.indexOf(name)
    return index >= 0 ? args[index + 1] : undefined
  }
  const url = option('--postgres')
  const adapter: StoragePort = url
    ? postgresAdapter({ connectionString: url })
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
