/**
 * `@rapport/core/testing`: the conformance suite every storage adapter must pass. An adapter package's test
 * files open its real database in a {@link ConformanceHarness} and call {@link runConformanceSuite}, either for
 * every suite or, to keep each test file short, for some {@link CONFORMANCE_GROUPS}.
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
import { describe } from 'vitest'
import type { ConformanceHarness } from './harness'
import { activitiesSuite } from './suites/activities-suite'
import { campaignsSuite } from './suites/campaigns-suite'
import { casesSuite } from './suites/cases-suite'
import { closedDealsSuite } from './suites/closed-deals-suite'
import { companiesAndLinksSuite } from './suites/companies-links-suite'
import { contactsSuite } from './suites/contacts-suite'
import { contentionSuite } from './suites/contention-suite'
import { dealsSuite } from './suites/deals-suite'
import { filterLimitsSuite } from './suites/filter-limits-suite'
import { filtersSuite } from './suites/filters-suite'
import { inputHygieneSuite } from './suites/input-hygiene-suite'
import { isolationAndConcurrencySuite } from './suites/isolation-concurrency-suite'
import { lifecycleAndConsentSuite } from './suites/lifecycle-consent-suite'
import { pipelineInsightsSuite } from './suites/pipeline-insights-suite'
import { rollbackMemorySuite } from './suites/rollback-memory-suite'
import { segmentsSuite } from './suites/segments-suite'
import { slaEditsSuite } from './suites/sla-edits-suite'
import { slaSweepSuite } from './suites/sla-sweep-suite'
import { slaTimelineSuite } from './suites/sla-timeline-suite'
import { type SuiteContext, useSuiteContext } from './test-kit'

export { contactInputArb, filterArb } from './arbitraries'
export type { AdapterHooks, ConformanceHarness, ObservedQuery } from './harness'
export type { SuiteContext } from './test-kit'
export { freshTenant, TestClock, tenantScopeProblem } from './test-kit'

/**
 * The groups the suites are split into. An adapter runs each group in exactly one of its test files (one
 * database each; a file may run a few short groups), so no test file runs for long, even on a loaded machine.
 * A new group must be added to one test file per adapter harness;
 * `packages/core/test/testing/conformance-coverage.test.ts` checks that.
 */
export const CONFORMANCE_GROUPS = [
  'customers',
  'filters',
  'filter-limits',
  'segments',
  'pipeline',
  'cases-sla',
  'campaigns',
  'system',
] as const

/** One of {@link CONFORMANCE_GROUPS}. */
export type ConformanceGroup = (typeof CONFORMANCE_GROUPS)[number]

/** A registered suite: the group whose test file runs it, and the function that declares its tests. */
export interface ConformanceSuiteEntry {
  readonly group: ConformanceGroup
  readonly suite: (ctx: SuiteContext) => void
}

/**
 * Every conformance suite, in run order. Registering a suite is one line here: pick the group whose test file
 * should run it (every adapter runs every group, so the suite then runs exactly once per adapter).
 */
export const conformanceSuites = {
  contacts: { group: 'customers', suite: contactsSuite },
  companiesAndLinks: { group: 'customers', suite: companiesAndLinksSuite },
  activities: { group: 'customers', suite: activitiesSuite },
  lifecycleAndConsent: { group: 'customers', suite: lifecycleAndConsentSuite },
  filters: { group: 'filters', suite: filtersSuite },
  filterLimits: { group: 'filter-limits', suite: filterLimitsSuite },
  deals: { group: 'pipeline', suite: dealsSuite },
  pipelineInsights: { group: 'pipeline', suite: pipelineInsightsSuite },
  rollbackMemory: { group: 'pipeline', suite: rollbackMemorySuite },
  closedDeals: { group: 'pipeline', suite: closedDealsSuite },
  segments: { group: 'segments', suite: segmentsSuite },
  cases: { group: 'cases-sla', suite: casesSuite },
  slaTimeline: { group: 'cases-sla', suite: slaTimelineSuite },
  slaSweep: { group: 'cases-sla', suite: slaSweepSuite },
  slaEdits: { group: 'cases-sla', suite: slaEditsSuite },
  campaigns: { group: 'campaigns', suite: campaignsSuite },
  isolationAndConcurrency: { group: 'system', suite: isolationAndConcurrencySuite },
  inputHygiene: { group: 'system', suite: inputHygieneSuite },
  contention: { group: 'system', suite: contentionSuite },
} as const satisfies Record<string, ConformanceSuiteEntry>

/** The name of a registered suite, a key of {@link conformanceSuites}. */
export type ConformanceSuiteName = keyof typeof conformanceSuites

/** Which suites {@link runConformanceSuite} runs; with neither option it runs them all. */
export interface ConformanceSelection {
  /**
   * Run the suites of these groups.
   * @example { groups: ['pipeline'] }
   */
  readonly groups?: readonly ConformanceGroup[]
  /**
   * Run these suites (in addition to `groups`), e.g. while working on one capability.
   * @example { suites: ['contacts', 'filters'] }
   */
  readonly suites?: readonly ConformanceSuiteName[]
}

/** The registered suites a selection picks, in registration order. */
export function selectConformanceSuites(selection: ConformanceSelection = {}): ConformanceSuiteName[] {
  const names = Object.keys(conformanceSuites) as ConformanceSuiteName[]
  if (selection.groups === undefined && selection.suites === undefined) return names
  const groups = new Set<ConformanceGroup>(selection.groups ?? [])
  const suites = new Set<ConformanceSuiteName>(selection.suites ?? [])
  return names.filter((name) => suites.has(name) || groups.has(conformanceSuites[name].group))
}

/**
 * Runs the selected behavioural tests (all of them by default) against the harness's adapter, opened once for
 * this call (one database per test file).
 */
export function runConformanceSuite(harness: ConformanceHarness, selection: ConformanceSelection = {}): void {
  const names = selectConformanceSuites(selection)
  const picked = [...(selection.groups ?? []), ...(selection.suites ?? [])]
  const label = picked.length > 0 ? ` [${picked.join(', ')}]` : ''
  describe(`conformance: ${harness.name}${label}`, () => {
    const ctx = useSuiteContext(harness)
    for (const name of names) conformanceSuites[name].suite(ctx)
  })
}
