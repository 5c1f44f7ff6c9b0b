import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatWithOptions } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { guideFiles, matchesOutput, printCalls, root, snippetDir, snippetsOf } from './snippets'

// Every ```ts block in docs/*.md and in README.md is a program that must typecheck (docs-types.test.ts)
// and run as written (this file). Three kinds of block:
//   ```ts           typechecked and run; it must print something, so a snippet that stops early fails.
//   ```ts no-run    typechecked, not run (it registers tests, for instance).
//   ```ts fragment  neither: a shape or an excerpt that is not a program.
//
// Output comments. A `console.log(...)` statement may end with a comment that says what it prints:
//
//   console.log(deal.stageKey, deal.probability) // → enquiry 0.1
//   console.log(await t.contacts.tryGet(id)) // → null — the other tenant cannot see it
//
// After `// → ` comes the printed line exactly as Node prints it (console.log's formatting with objects and
// arrays on one line: `[ 'Ada' ]`, `{ allowed: true }`; strings at the top level without quotes). `…` stands
// for any text (ids, timestamps); a note may follow after ` — `. Each time such a call prints, its output
// must match. Any other trailing `//` comment on a printing statement is an error, so stale outputs cannot
// hide in free-form comments.

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

/** What a snippet's `console.log` calls printed, by call index. */
type Printed = { call: number; text: string }[]
declare global {
  // The snippets' console.log calls are rewritten to this, so each output is tied to its call.
  var __docsPrint: ((call: number) => (...args: unknown[]) => void) | undefined
}

// The snippets as run, with their console.log calls rewritten (so not what the typecheck reads).
const runDir = join(snippetDir, 'run')

// Snippets that open files (a SQLite file) do it in a scratch directory, not in the repository.
const scratch = mkdtempSync(join(tmpdir(), 'rapport-docs-'))
beforeAll(() => process.chdir(scratch))
afterAll(() => {
  process.chdir(root)
  rmSync(scratch, { recursive: true, force: true })
  globalThis.__docsPrint = undefined
})

describe('docs snippets run as written and print what their comments say', () => {
  mkdirSync(runDir, { recursive: true })
  for (const file of guideFiles()) {
    for (const snippet of snippetsOf(file).filter((s) => s.kind === 'run')) {
      it(snippet.name, async () => {
        const calls = printCalls(snippet.code)
        let code = snippet.code
        for (let i = calls.length - 1; i >= 0; i--) {
          const call = calls[i]!
          code = `${code.slice(0, call.calleeStart)}__docsPrint(${i})${code.slice(call.calleeEnd)}`
        }
        const path = join(runDir, snippet.fileName)
        writeFileSync(path, code)
        const printed: Printed = []
        globalThis.__docsPrint =
          (call) =>
          (...args) => {
            printed.push({
              call,
              text: formatWithOptions({ breakLength: Number.POSITIVE_INFINITY }, ...args),
            })
          }
        await import(/* @vite-ignore */ path)

        // Each snippet prints what it shows; a snippet that printed nothing did not run to the end.
        expect(printed.length, 'the snippet printed nothing').toBeGreaterThan(0)
        const at = (line: number) => `${snippet.name.split(' #')[0]}:${snippet.firstLine + line}`
        const problems: string[] = []
        calls.forEach((call, i) => {
          if (call.strayComment !== undefined) {
            problems.push(`${at(call.line)}: output comments start with '// → ': ${call.strayComment}`)
          }
          if (call.expected === undefined) return
          const outputs = printed.filter((p) => p.call === i)
          if (outputs.length === 0)
            problems.push(`${at(call.line)}: never printed (expected ${call.expected})`)
          for (const { text } of outputs) {
            if (!matchesOutput(text, call.expected)) {
              problems.push(`${at(call.line)}: printed ${text}\n    the comment says ${call.expected}`)
            }
          }
        })
        expect(problems).toEqual([])
      })
    }
  }
})
