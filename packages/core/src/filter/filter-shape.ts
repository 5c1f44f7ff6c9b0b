import { textProblem } from '../kernel/text'
import { type Collector, FILTER_LIMITS, type Path } from './filter-limits'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// The keys of a node whose text reaches a lookup, a message or the database.
const TEXT_KEYS = ['field', 'op', 'inSegment', 'related'] as const

/**
 * Checks a raw filter before anything in it is resolved or looked up: at most
 * {@link FILTER_LIMITS}.maxNodes nodes and maxDepth levels, counted as resolution counts them, and no text
 * with NUL (U+0000) or an unpaired surrogate, which Postgres refuses with a raw error and SQLite would
 * match wrongly. Counting first means `{ or: [5,000 × { inSegment }] }` is refused before a single
 * segment is read. Segment references count one node each here; their expansion is counted when they
 * are resolved. The walk stops at the first limit it breaks, so a hostile tree costs no more than the
 * limits allow.
 *
 * @returns false when it added issues to `issues`.
 */
export function checkFilterShape(input: unknown, issues: Collector): boolean {
  const before = issues.issues.length
  let nodes = 0
  let stopped = false

  const checkText = (value: unknown, path: Path, index?: number) => {
    if (typeof value !== 'string') return
    const problem = textProblem(value)
    if (problem) issues.add(index === undefined ? path : [...path, index], problem, value)
  }

  const checkValue = (value: unknown, path: Path) => {
    if (!Array.isArray(value)) return checkText(value, path)
    // A longer list is refused by its condition; its elements need no look.
    if (value.length > FILTER_LIMITS.maxListValues) return
    for (let i = 0; i < value.length; i++) checkText(value[i], path, i)
  }

  const walk = (node: unknown, path: Path, depth: number): void => {
    if (stopped) return
    nodes++
    if (nodes > FILTER_LIMITS.maxNodes) {
      issues.add(path, `A filter may have at most ${FILTER_LIMITS.maxNodes} nodes`, undefined)
      stopped = true
      return
    }
    if (depth > FILTER_LIMITS.maxDepth) {
      issues.add(path, `A filter may nest at most ${FILTER_LIMITS.maxDepth} levels`, undefined)
      stopped = true
      return
    }
    // Anything else wrong with the node is for resolution to say.
    if (!isRecord(node)) return
    for (const key of TEXT_KEYS) checkText(node[key], [...path, key])
    if ('value' in node) checkValue(node.value, [...path, 'value'])
    for (const branch of ['and', 'or'] as const) {
      const items = node[branch]
      if (!Array.isArray(items)) continue
      for (let i = 0; i < items.length && !stopped; i++) walk(items[i], [...path, branch, i], depth + 1)
    }
    if ('not' in node) walk(node.not, [...path, 'not'], depth + 1)
    if ('related' in node) {
      if (node.where !== undefined) walk(node.where, [...path, 'where'], depth + 1)
      if (isRecord(node.having)) {
        checkText(node.having.field, [...path, 'having', 'field'])
        checkText(node.having.value, [...path, 'having', 'value'])
      }
    }
  }

  walk(input, [], 0)
  return issues.issues.length === before
}
