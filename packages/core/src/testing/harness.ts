import type { StoragePort } from '../storage/storage-port'

/** A statement an adapter ran, as its query hook reports it. */
export interface ObservedQuery {
  readonly sql: string
  readonly parameters: readonly unknown[]
}

/** Hooks the suite passes to the adapter it opens. */
export interface AdapterHooks {
  /** Must be called after every statement the adapter runs (kysely's log hook, raw bulk paths too). */
  readonly onQuery: (query: ObservedQuery) => void
}

/**
 * What an adapter package gives the conformance suite: how to open its real database. The suite opens one
 * adapter per suite file, migrates it, and keeps tests independent by giving each test its own tenants.
 */
export interface ConformanceHarness {
  /** Shown in test names, e.g. `sqlite (:memory:)`. */
  readonly name: string
  /** Opens a new adapter on an empty database (or an empty schema / table prefix). */
  open(hooks: AdapterHooks): Promise<StoragePort>
  /** Drops what `open` created (temporary files, schemas). */
  dispose?(): Promise<void>
  /**
   * How many random cases property tests run.
   * @default 300, or RAPPORT_PROPERTY_RUNS when set
   */
  readonly propertyRuns?: number
}
