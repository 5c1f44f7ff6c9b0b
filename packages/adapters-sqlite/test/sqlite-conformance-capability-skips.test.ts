import { type ConformanceHarness, runConformanceSuite } from '@rapport/core/testing'
import { afterAll, expect, type RunnerTask, type RunnerTestCase } from 'vitest'
import { sqliteMemoryHarness } from './sqlite-conformance-harness'

// An adapter without the optional storage capabilities must still be able to pass the conformance suite:
// the tests that need one are reported skipped, with the reason, and everything else passes.

/** SQLite (:memory:) made to look like an adapter without text search that runs one transaction at a time. */
function sqliteWithoutOptionalCapabilitiesHarness(): ConformanceHarness {
  const sqlite = sqliteMemoryHarness()
  return {
    name: 'sqlite (:memory:, without textSearch)',
    async open(hooks) {
      const adapter = await sqlite.open(hooks)
      // Such an adapter has no `searchText` either: the flag and the method go together.
      const reader = new Proxy(adapter.reader, {
        get(target, property) {
          if (property === 'searchText') return undefined
          const value = Reflect.get(target, property, target)
          return typeof value === 'function' ? value.bind(target) : value
        },
      })
      return { ...adapter, reader, capabilities: { concurrentTransactions: false, textSearch: false } }
    },
  }
}

runConformanceSuite(sqliteWithoutOptionalCapabilitiesHarness(), { suites: ['cases'] })

/** The note a test was skipped with: vitest records it at run time, but its runner types leave it out. */
function skipNote(test: RunnerTestCase): unknown {
  return test.result !== undefined && 'note' in test.result ? test.result.note : undefined
}

/** Every test under a task, depth first. */
function testsUnder(task: RunnerTask): RunnerTestCase[] {
  if (task.type === 'test') return [task]
  return 'tasks' in task ? task.tasks.flatMap(testsUnder) : []
}

// Runs after the suite: the verdicts vitest recorded are what a reader of its output sees.
afterAll((file) => {
  const tests = testsUnder(file)
  const skipped = tests.filter((test) => test.result?.state === 'skip')
  expect(skipped.map((test) => [test.name, skipNote(test)])).toEqual([
    [
      'similar cases: solved cases sharing words, ranked with product and category; other tenants never seen',
      'skipped: sqlite adapter lacks textSearch',
    ],
  ])
  const passed = tests.filter((test) => test.result?.state === 'pass').map((test) => test.name)
  expect(passed).toContain('similar cases need text search: an adapter without it fails clearly')
  expect(passed).toHaveLength(tests.length - skipped.length)
  expect(passed.length).toBeGreaterThan(5)
})
