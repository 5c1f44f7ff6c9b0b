import { describe } from 'vitest'
import { type ConformanceSelection, conformanceSuites, selectConformanceSuites } from './conformance-registry'
import type { ConformanceHarness } from './harness'
import { useSuiteContext } from './test-kit'

/**
 * Runs the conformance suites of the selected capabilities (all of them by default) against the harness's
 * adapter, opened once for this call (one database per test file). Tests that need a storage capability the
 * adapter does not declare (`capabilities.textSearch: false`, ...) are reported skipped with the reason;
 * everything else must pass.
 *
 * @example
 * ```ts
 * runConformanceSuite(harness) // every capability
 * runConformanceSuite(harness, { capabilities: ['pipeline', 'campaigns'] }) // one test file's share
 * ```
 */
export function runConformanceSuite(harness: ConformanceHarness, selection: ConformanceSelection = {}): void {
  const names = selectConformanceSuites(selection)
  const picked = [...(selection.capabilities ?? []), ...(selection.suites ?? [])]
  const label = picked.length > 0 ? ` [${picked.join(', ')}]` : ''
  describe(`conformance: ${harness.name}${label}`, () => {
    const ctx = useSuiteContext(harness)
    for (const name of names) conformanceSuites[name].suite(ctx)
  })
}
