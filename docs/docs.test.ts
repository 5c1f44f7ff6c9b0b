import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

// Every ```ts block in docs/ (and the README's quickstart) is a program that must run as written. Blocks
// marked ```ts no-run are skipped (they register tests, for instance).

vi.mock('pg', async (importOriginal) => {
  const real = await importOriginal<typeof import('pg')>()
  if (process.env.RAPPORT_TEST_PG_URL) return real
  // No server configured (a developer's machine): the snippets' Pools run on an in-process PGlite.
  const { PGlite } = await import('@electric-sql/pglite')
  const { pglitePool } = await import('../packages/adapters-postgres/test/pglite-pool')
  const db = new PGlite()
  const shared = pglitePool(db)
  class Pool {
    connect() {
      return shared.connect()
    }
    async query(text: string, parameters: unknown[] = []) {
      const client = await shared.connect()
      try {
        return await client.query(text, parameters)
      } finally {
        client.release()
      }
    }
    async end() {}
  }
  return { ...real, default: { ...real.default, Pool }, Pool }
})

const root = join(import.meta.dirname, '..')
const outDir = join(root, 'docs', '.snippets')

function snippets(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!)
}

const files = [
  join(root, 'README.md'),
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(root, 'docs', f)),
]

// Snippets that open files (the README's `crm.db`) do it in a scratch directory, not in the repository.
const scratch = mkdtempSync(join(tmpdir(), 'rapport-docs-'))
beforeAll(() => process.chdir(scratch))
afterAll(() => {
  process.chdir(root)
  rmSync(scratch, { recursive: true, force: true })
})

describe('docs snippets run as written', () => {
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  for (const file of files) {
    snippets(file).forEach((code, i) => {
      const name = `${file.slice(root.length + 1)} #${i + 1}`
      it(name, async () => {
        const path = join(outDir, `${name.replace(/[^a-z0-9]+/gi, '-')}.ts`)
        writeFileSync(path, `${code}\nexport {}\n`)
        const log = vi.spyOn(console, 'log').mockImplementation(() => {})
        let printed: unknown[][] = []
        try {
          await import(/* @vite-ignore */ path)
        } finally {
          printed = [...log.mock.calls]
          log.mockRestore()
        }
        // Each snippet prints what it shows; a snippet that printed nothing did not run to the end.
        expect(printed.length).toBeGreaterThan(0)
      })
    })
  }
})
