import type { RawQuery, RawSqlFlavor } from './segments-cases'
import type { SegmentCrm, SegmentTenant } from './segments-crm'
import type { SeedSummary } from './segments-seed'

/** A statement Rapport sent, as its adapter's `onQuery` hook reported it. */
export interface CapturedQuery {
  readonly sql: string
  readonly parameters: readonly unknown[]
}

/** Collects the statements Rapport sends while capturing is on. */
export class QueryCapture {
  private captured: CapturedQuery[] | undefined

  /** For the adapter's `onQuery` option. */
  readonly onQuery = (event: CapturedQuery) => {
    this.captured?.push({ sql: event.sql, parameters: event.parameters })
  }

  /** Runs `work` and returns the statements it sent. */
  async during(work: () => Promise<unknown>): Promise<CapturedQuery[]> {
    this.captured = []
    try {
      await work()
      return this.captured
    } finally {
      this.captured = undefined
    }
  }
}

/** Executions of one prepared statement by plan kind, and the generic plan when it was used. */
export interface PlanCacheUse {
  readonly genericRuns: number
  readonly customRuns: number
  readonly genericPlan?: string
}

/** One database seeded with the benchmark's contacts, reachable through Rapport and the raw driver. */
export interface SqlTarget {
  readonly database: 'sqlite' | 'postgres'
  /** Where the data is, for the header. */
  readonly description: string
  readonly crm: SegmentCrm
  readonly tenant: SegmentTenant
  readonly capture: QueryCapture
  readonly flavor: RawSqlFlavor
  readonly seed: SeedSummary
  /** `count(*)` through the raw driver. */
  rawCount(query: RawQuery): Promise<number>
  /** The rows of a page through the raw driver (all columns, as the driver returns them); their ids. */
  rawPageIds(query: RawQuery): Promise<string[]>
  /** The plan of a statement Rapport sent, on one line. */
  explainRapport(query: CapturedQuery): Promise<string>
  /** The plan of a hand-written statement, on one line. */
  explainRaw(query: RawQuery): Promise<string>
  /**
   * How the database's plan cache ran a statement Rapport prepared (Postgres: named statements switch to
   * a generic plan, blind to the parameter values, after five runs); undefined where nothing is cached.
   */
  planCache?(query: CapturedQuery): Promise<PlanCacheUse | undefined>
  /** Runs DDL through the raw driver (the developer's own index). */
  execute(text: string): Promise<void>
  /** Refreshes the planner's statistics, as an app does after a bulk load or a new index. */
  analyze(): Promise<void>
  close(): Promise<void>
}
