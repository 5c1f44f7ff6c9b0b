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
import type { SuiteContext } from './test-kit'

/**
 * The capabilities the conformance suite is split by, one per folder of `@rapport/core`'s sources:
 * `customers`, `filters` (the filter language), `segments`, `pipeline`, `cases` (with SLAs), `campaigns`, and
 * `runtime` (what every command shares: tenant isolation, version checks, input hygiene, contention).
 *
 * An adapter's test files run each capability exactly once (one database per file; a file may run a few
 * short ones), so no test file runs for long. A new capability must be added to one test file per adapter
 * harness; `packages/core/test/testing/conformance-coverage.test.ts` checks that.
 */
export const CONFORMANCE_CAPABILITIES = [
  'customers',
  'filters',
  'segments',
  'pipeline',
  'cases',
  'campaigns',
  'runtime',
] as const

/** One of {@link CONFORMANCE_CAPABILITIES}. */
export type ConformanceCapability = (typeof CONFORMANCE_CAPABILITIES)[number]

/** A registered suite: the capability it tests, and the function that declares its tests. */
export interface ConformanceSuiteEntry {
  readonly capability: ConformanceCapability
  readonly suite: (ctx: SuiteContext) => void
}

/**
 * Every conformance suite, in run order. Registering a suite is one line here: the capability it tests
 * (every adapter runs every capability, so the suite then runs exactly once per adapter). A test that needs
 * an optional storage capability (`textSearch`, ...) declares it in the suite with `itRequires`, and is
 * skipped, with the reason, on an adapter that lacks it.
 */
export const conformanceSuites = {
  contacts: { capability: 'customers', suite: contactsSuite },
  companiesAndLinks: { capability: 'customers', suite: companiesAndLinksSuite },
  activities: { capability: 'customers', suite: activitiesSuite },
  lifecycleAndConsent: { capability: 'customers', suite: lifecycleAndConsentSuite },
  filters: { capability: 'filters', suite: filtersSuite },
  filterLimits: { capability: 'filters', suite: filterLimitsSuite },
  deals: { capability: 'pipeline', suite: dealsSuite },
  pipelineInsights: { capability: 'pipeline', suite: pipelineInsightsSuite },
  rollbackMemory: { capability: 'pipeline', suite: rollbackMemorySuite },
  closedDeals: { capability: 'pipeline', suite: closedDealsSuite },
  segments: { capability: 'segments', suite: segmentsSuite },
  cases: { capability: 'cases', suite: casesSuite },
  slaTimeline: { capability: 'cases', suite: slaTimelineSuite },
  slaSweep: { capability: 'cases', suite: slaSweepSuite },
  slaEdits: { capability: 'cases', suite: slaEditsSuite },
  campaigns: { capability: 'campaigns', suite: campaignsSuite },
  isolationAndConcurrency: { capability: 'runtime', suite: isolationAndConcurrencySuite },
  inputHygiene: { capability: 'runtime', suite: inputHygieneSuite },
  contention: { capability: 'runtime', suite: contentionSuite },
} as const satisfies Record<string, ConformanceSuiteEntry>

/** The name of a registered suite, a key of {@link conformanceSuites}. */
export type ConformanceSuiteName = keyof typeof conformanceSuites

/** Which suites `runConformanceSuite` runs; with neither option it runs them all. */
export interface ConformanceSelection {
  /**
   * Run the suites of these capabilities ({@link CONFORMANCE_CAPABILITIES}). Not to be confused with the
   * storage capabilities an adapter declares (`StoragePort.capabilities`): those decide which tests skip.
   * @example { capabilities: ['pipeline', 'campaigns'] }
   */
  readonly capabilities?: readonly ConformanceCapability[]
  /**
   * Run these suites (in addition to `capabilities`), e.g. while working on one of them.
   * @example { suites: ['contacts', 'filters'] }
   */
  readonly suites?: readonly ConformanceSuiteName[]
}

/** The registered suites a selection picks, in registration order. */
export function selectConformanceSuites(selection: ConformanceSelection = {}): ConformanceSuiteName[] {
  const names = Object.keys(conformanceSuites) as ConformanceSuiteName[]
  if (selection.capabilities === undefined && selection.suites === undefined) return names
  const capabilities = new Set<ConformanceCapability>(selection.capabilities ?? [])
  const suites = new Set<ConformanceSuiteName>(selection.suites ?? [])
  return names.filter((name) => suites.has(name) || capabilities.has(conformanceSuites[name].capability))
}
