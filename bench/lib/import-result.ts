import type { Timing } from './import-timing'

/** One way of importing the rows, timed. */
export interface ImportPath {
  readonly label: string
  readonly timing: Timing
}

/** A raw driver path Rapport is compared with, and the least Rapport/raw ratio the issue asks for. */
export interface RawBaseline extends ImportPath {
  /** Undefined when the baseline is shown for honesty only. */
  readonly goal?: number
}

/** Everything measured on one database. */
export interface DatabaseImportResult {
  readonly database: 'sqlite' | 'postgres'
  readonly rapport: ImportPath
  readonly baselines: readonly RawBaseline[]
  /**
   * Time the insert statements themselves take, as Rapport issues them, without Rapport's own work; it
   * splits Rapport's time into validation, statements and the rest.
   */
  readonly statements: ImportPath
}
