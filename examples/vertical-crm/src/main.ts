import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StoragePort } from '@rapport/core/storage'
import { postgresAdapter } from '@rapport/postgres'
import { sqliteAdapter } from '@rapport/sqlite'
import { runDemo } from './demo'

// `npx tsx examples/vertical-crm/src/main.ts` (from the repository root, or `pnpm start` here) runs the demo
// on a fresh SQLite file in the OS temp directory (removed afterwards); `--db FILE` keeps it in FILE,
// `--memory` uses an in-memory database, and `--postgres postgres://...` a server (in schema `--schema NAME`, default rapport_clinic_demo; new tenant
// ids per run, so runs never mix).
async function main() {
  const args = process.argv.slice(2)
  const option = (name: string) => {
    const index = args.indexOf(name)
    return index >= 0 ? args[index + 1] : undefined
  }
  const url = option('--postgres')
  let adapter: StoragePort
  let where: string
  let cleanUp = () => {}
  if (url) {
    // Always a named schema: without one, migrating fails when another schema of the database already
    // holds Rapport's tables (kysely's Migrator, given no schema, takes those tables for its own).
    const schema = option('--schema') ?? 'rapport_clinic_demo'
    adapter = postgresAdapter({ connectionString: url }, { schema })
    where = `Postgres at ${url.replace(/\/\/[^@/]*@/, '//')}, schema ${schema}`
  } else if (args.includes('--memory')) {
    adapter = sqliteAdapter({ filename: ':memory:' })
    where = 'an in-memory SQLite database'
  } else {
    const keep = option('--db')
    const directory = keep ? undefined : mkdtempSync(join(tmpdir(), 'rapport-clinic-'))
    const filename = keep ?? join(directory!, 'clinic.db')
    adapter = sqliteAdapter({ filename })
    where = `SQLite file ${filename}${keep ? '' : ' (removed at the end)'}`
    if (directory) cleanUp = () => rmSync(directory, { recursive: true, force: true })
  }
  // A server (or a kept file) may hold an earlier run: new tenant ids keep this run's figures its own.
  const run = url || option('--db') ? `-${Date.now().toString(36)}` : ''
  console.log(`Using ${where}`)
  try {
    await runDemo({
      adapter,
      clinicIds: [`smile-mitte${run}`, `dental-kreuzberg${run}`],
      print: (line) => console.log(line),
    })
  } finally {
    cleanUp()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
