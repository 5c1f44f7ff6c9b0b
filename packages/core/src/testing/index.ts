/**
 * `@rapport/core/testing`: the conformance suite every storage adapter must pass. An adapter package's test
 * file opens its real database in a {@link ConformanceHarness} and calls {@link runConformanceSuite}.
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
import { companiesAndLinksSuite } from './suites/companies-links-suite'
import { contactsSuite } from './suites/contacts-suite'
import { dealsSuite } from './suites/deals-suite'
import { filtersSuite } from './suites/filters-suite'
import { isolationAndConcurrencySuite } from './suites/isolation-concurrency-suite'
import { lifecycleAndConsentSuite } from './suites/lifecycle-consent-suite'
import { pipelineInsightsSuite } from './suites/pipeline-insights-suite'
import { segmentsSuite } from './suites/segments-suite'
import { slaSweepSuite } from './suites/sla-sweep-suite'
import { slaTimelineSuite } from './suites/sla-timeline-suite'
import { useSuiteContext } from './test-kit'

export { contactInputArb, filterArb } from './arbitraries'
export type { AdapterHooks, ConformanceHarness, ObservedQuery } from './harness'
export { freshTenant, TestClock, tenantScopeProblem } from './test-kit'

/** Runs every behavioural test against the harness's adapter. */
export function runConformanceSuite(harness: ConformanceHarness): void {
  describe(`conformance: ${harness.name}`, () => {
    const ctx = useSuiteContext(harness)
    contactsSuite(ctx)
    companiesAndLinksSuite(ctx)
    activitiesSuite(ctx)
    lifecycleAndConsentSuite(ctx)
    filtersSuite(ctx)
    isolationAndConcurrencySuite(ctx)
    dealsSuite(ctx)
    pipelineInsightsSuite(ctx)
    segmentsSuite(ctx)
    casesSuite(ctx)
    slaTimelineSuite(ctx)
    slaSweepSuite(ctx)
    campaignsSuite(ctx)
  })
}
