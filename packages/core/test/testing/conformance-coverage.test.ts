import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONFORMANCE_CAPABILITIES, conformanceSuites, selectConformanceSuites } from '../../src/testing/index'

// The conformance suite is split by capability so that no test file runs long (vitest's worker RPC times out
// after 60 s on a loaded machine). These tests make sure the split loses nothing: every suite file is
// registered, and every adapter harness runs every capability in exactly one of its test files.

const root = join(import.meta.dirname, '..', '..', '..', '..')
const suitesDir = join(root, 'packages', 'core', 'src', 'testing', 'suites')

/** Each harness the repository tests, and the test directory whose files run it. */
const harnesses = [
  { dir: 'packages/adapters-sqlite/test', harness: 'sqliteFileHarness' },
  { dir: 'packages/adapters-sqlite/test', harness: 'sqliteMemoryHarness' },
  { dir: 'packages/adapters-postgres/test', harness: 'postgresConformanceHarness' },
]

// Adapter test files select literally: runConformanceSuite(someHarness(), { capabilities: ['a', 'b'] }), or
// { suites: [...] } for a file that proves something on a few suites (it then covers no capability).
const CALL =
  /runConformanceSuite\(\s*(\w+)\(\)\s*(?:,\s*\{\s*(capabilities|suites):\s*\[([^\]]*)\]\s*,?\s*\})?\s*\)/g

/** The capabilities each harness runs, one entry per time a file runs it. */
function capabilitiesRunIn(dir: string): { calls: Map<string, string[]>; unreadable: string[] } {
  const calls = new Map<string, string[]>()
  const unreadable: string[] = []
  for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith('.test.ts'))) {
    const text = readFileSync(join(root, dir, file), 'utf8')
    const total = text.match(/runConformanceSuite\(/g)?.length ?? 0
    const matched = [...text.matchAll(CALL)]
    if (matched.length !== total) unreadable.push(file)
    for (const [, harness, key, list] of matched) {
      const capabilities =
        list === undefined
          ? [...CONFORMANCE_CAPABILITIES]
          : key === 'suites'
            ? []
            : [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]!)
      calls.set(harness!, [...(calls.get(harness!) ?? []), ...capabilities])
    }
  }
  return { calls, unreadable }
}

describe('conformance suite coverage', () => {
  it('registers every suite in packages/core/src/testing/suites', async () => {
    const registered = new Set<unknown>(Object.values(conformanceSuites).map((entry) => entry.suite))
    const missing: string[] = []
    for (const file of readdirSync(suitesDir).filter((f) => f.endsWith('-suite.ts'))) {
      const module = (await import(join(suitesDir, file))) as Record<string, unknown>
      const suites = Object.entries(module).filter(
        ([name, value]) => typeof value === 'function' && name.endsWith('Suite'),
      )
      expect(suites.length, `${file} exports a suite function`).toBeGreaterThan(0)
      for (const [name, suite] of suites) if (!registered.has(suite)) missing.push(`${file}: ${name}`)
    }
    expect(missing, 'suites not registered in conformanceSuites (testing/conformance-registry.ts)').toEqual(
      [],
    )
  })

  it('gives every capability at least one suite, and selects all suites by default', () => {
    for (const capability of CONFORMANCE_CAPABILITIES) {
      expect(selectConformanceSuites({ capabilities: [capability] }).length, capability).toBeGreaterThan(0)
    }
    expect(selectConformanceSuites()).toEqual(Object.keys(conformanceSuites))
    expect(selectConformanceSuites({ capabilities: ['filters'], suites: ['contacts'] })).toEqual([
      'contacts',
      'filters',
      'filterLimits',
    ])
  })

  for (const { dir, harness } of harnesses) {
    it(`runs every capability exactly once on ${harness} (${dir})`, () => {
      const { calls, unreadable } = capabilitiesRunIn(dir)
      expect(unreadable, 'files whose runConformanceSuite call does not select literally').toEqual([])
      const run = calls.get(harness) ?? []
      const counts = Object.fromEntries(
        CONFORMANCE_CAPABILITIES.map((capability) => [
          capability,
          run.filter((c) => c === capability).length,
        ]),
      )
      const expected = Object.fromEntries(CONFORMANCE_CAPABILITIES.map((capability) => [capability, 1]))
      expect(
        counts,
        `runs per capability in ${dir}: each must be in exactly one runConformanceSuite call per harness`,
      ).toEqual(expected)
      const unknown = run.filter((c) => !(CONFORMANCE_CAPABILITIES as readonly string[]).includes(c))
      expect(unknown).toEqual([])
    })
  }
})
