import type { ValidationIssue } from '../errors/rapport-error'

/**
 * Limits that keep a hostile filter from costing unbounded work, and that every filter within them runs
 * on every adapter (SQLite and Postgres alike). Text lengths count UTF-16 code units, as JavaScript's
 * `length` does.
 */
export const FILTER_LIMITS = {
  /** Levels of `and` / `or` / `not` / `related` / `inSegment` nesting. */
  maxDepth: 32,
  /** Nodes in the tree: every `and`, `or`, `not`, condition, related condition and segment reference. */
  maxNodes: 2000,
  /** Values of one `in` / `notIn` list. */
  maxListValues: 1000,
  /** Length of a `contains` / `startsWith` value (SQLite refuses long LIKE patterns). */
  maxPatternLength: 1000,
  /** Length of any other text value (`eq`, `in` elements, `between` bounds, ...). */
  maxTextLength: 10_000,
} as const

/** A path into the filter tree, for issues. */
export type Path = readonly (string | number)[]

/** Problems found while resolving a filter, and the node budget. */
export class Collector {
  readonly issues: ValidationIssue[] = []
  nodes = 0
  /** Records a problem at `path`. */
  add(path: Path, message: string, input: unknown, params?: Record<string, unknown>) {
    this.issues.push({
      code: 'custom',
      path: [...path] as PropertyKey[],
      message,
      input,
      ...(params ? { params } : {}),
    } as ValidationIssue)
  }
}
