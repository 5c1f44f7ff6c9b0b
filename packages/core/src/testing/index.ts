/**
 * `@rapport/core/testing`: the conformance suite every storage adapter must pass. An adapter package's test
 * files open its real database in a {@link ConformanceHarness} and call {@link runConformanceSuite}, either for
 * every capability or, to keep each test file short, for some of {@link CONFORMANCE_CAPABILITIES}
 * (`{ capabilities: ['pipeline'] }`). Tests that need an optional storage capability the adapter does not
 * declare in `StoragePort.capabilities` (such as `textSearch`) are reported skipped, with the reason.
 *
 * @example
 * ```ts
 * import { runConformanceSuite } from '@rapport/core/testing'
 * import { sqliteAdapter } from '@rapport/sqlite'
 *
 * runConformanceSuite({
 *   name: 'sqlite (:memory:)',
 *   open: async ({ onQuery }) => sqliteAdapter({ filename: ':memory:' }, { onQuery }),
 * })
 * ```
 *
 * @packageDocumentation
 */
export { contactInputArb, filterArb } from './arbitraries'
export {
  CONFORMANCE_CAPABILITIES,
  type ConformanceCapability,
  type ConformanceSelection,
  type ConformanceSuiteEntry,
  type ConformanceSuiteName,
  conformanceSuites,
  selectConformanceSuites,
} from './conformance-registry'
export type { AdapterHooks, ConformanceHarness, ObservedQuery } from './harness'
export { runConformanceSuite } from './run-conformance-suite'
export type { SuiteContext } from './test-kit'
export { freshTenant, TestClock, tenantScopeProblem } from './test-kit'
