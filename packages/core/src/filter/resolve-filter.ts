import { z } from 'zod'
import { ValidationError } from '../errors/rapport-error'
import type { FieldCatalog } from './field-catalog'
import { Collector, FILTER_LIMITS, type Path } from './filter-limits'
import { checkFilterShape } from './filter-shape'
import { FILTER_OPERATORS, type FilterOperator, OPERATORS_BY_KIND } from './operators'
import type { ResolveContext, SegmentLookup } from './resolve-context'
import { resolveRelated, resolveSegment } from './resolve-related'
import { resolveScalar } from './resolve-scalar'
import type { ResolvedFilter, ResolvedScalar } from './resolved-filter'

export { Collector, FILTER_LIMITS, type Path } from './filter-limits'
export type { SegmentLookup } from './resolve-context'
export { isCalendarDate } from './resolve-scalar'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const daysSchema = z.number().int().min(0).max(365_000)

function resolveCondition(
  node: Record<string, unknown>,
  catalog: FieldCatalog,
  path: Path,
  issues: Collector,
): ResolvedFilter | undefined {
  const name = node.field
  const op = node.op
  if (typeof name !== 'string') {
    issues.add([...path, 'field'], 'A condition needs "field": the name of a field', name)
    return undefined
  }
  const field = catalog.fields.get(name)
  if (!field) {
    const known = [...catalog.fields.keys()]
    issues.add(
      [...path, 'field'],
      `Unknown field "${name}" on ${catalog.entity.name}. Known fields: ${known.join(', ')}`,
      name,
      { knownFields: known },
    )
    return undefined
  }
  if (typeof op !== 'string' || !(FILTER_OPERATORS as readonly string[]).includes(op)) {
    issues.add(
      [...path, 'op'],
      `Unknown operator ${JSON.stringify(op)}; expected one of ${FILTER_OPERATORS.join(', ')}`,
      op,
    )
    return undefined
  }
  const operator = op as FilterOperator
  const allowed = OPERATORS_BY_KIND[field.kind]
  if (!allowed.includes(operator)) {
    issues.add(
      [...path, 'op'],
      `Operator "${operator}" does not apply to ${field.kind} field "${name}"; use one of ${allowed.join(', ')}`,
      op,
    )
    return undefined
  }
  const extraKeys = Object.keys(node).filter((k) => k !== 'field' && k !== 'op' && k !== 'value')
  if (extraKeys.length > 0) {
    issues.add(path, `Unexpected key(s) in condition: ${extraKeys.join(', ')}`, node)
    return undefined
  }
  const valuePath = [...path, 'value']
  const value = node.value
  switch (operator) {
    case 'isSet':
    case 'isNotSet':
      if (value !== undefined) issues.add(valuePath, `Operator "${operator}" takes no value`, value)
      return { kind: 'present', field, negate: operator === 'isNotSet' }
    case 'inLastDays':
    case 'beforeDaysAgo': {
      const days = daysSchema.safeParse(value)
      if (!days.success) {
        issues.add(valuePath, `Operator "${operator}" needs a whole number of days from 0 to 365000`, value)
        return undefined
      }
      return { kind: 'relativeTime', field, op: operator, days: days.data }
    }
    case 'in':
    case 'notIn': {
      if (!Array.isArray(value) || value.length > FILTER_LIMITS.maxListValues) {
        issues.add(
          valuePath,
          `Operator "${operator}" needs an array of at most ${FILTER_LIMITS.maxListValues} values`,
          value,
        )
        return undefined
      }
      const resolved: ResolvedScalar[] = []
      let failed = false
      // Plain text and numbers skip the general check: a list may hold 1,000 of them.
      const plain =
        field.kind === 'list' ? (field.elementKind === 'number' ? 'number' : 'string') : field.kind
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i]
        if (plain === 'string' && typeof v === 'string' && v.length <= FILTER_LIMITS.maxTextLength) {
          resolved.push(v)
          continue
        }
        if (plain === 'number' && typeof v === 'number' && Number.isFinite(v)) {
          resolved.push(v)
          continue
        }
        const scalar = resolveScalar(field, field.kind, v, () => [...valuePath, i], issues)
        if (scalar === undefined) failed = true
        else resolved.push(scalar)
      }
      if (failed) return undefined
      return field.kind === 'list'
        ? { kind: 'listHas', field, negate: operator === 'notIn', values: resolved }
        : { kind: 'member', field, negate: operator === 'notIn', values: resolved }
    }
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) {
        issues.add(valuePath, 'Operator "between" needs [low, high]', value)
        return undefined
      }
      const low = resolveScalar(field, field.kind, value[0], [...valuePath, 0], issues)
      const high = resolveScalar(field, field.kind, value[1], [...valuePath, 1], issues)
      if (low === undefined || high === undefined) return undefined
      return { kind: 'between', field, low, high }
    }
    case 'contains':
    case 'startsWith': {
      const scalar = resolveScalar(field, field.kind, value, valuePath, issues)
      if (scalar === undefined) return undefined
      if (field.kind === 'list') return { kind: 'listHas', field, negate: false, values: [scalar] }
      const text = scalar as string
      if (text.length > FILTER_LIMITS.maxPatternLength) {
        issues.add(
          valuePath,
          `Operator "${operator}" takes text of at most ${FILTER_LIMITS.maxPatternLength} characters (this has ${text.length})`,
          text.slice(0, 100),
        )
        return undefined
      }
      return { kind: 'text', field, op: operator, value: text }
    }
    default: {
      const scalar = resolveScalar(field, field.kind, value, valuePath, issues)
      if (scalar === undefined) return undefined
      return { kind: 'compare', field, op: operator, value: scalar }
    }
  }
}

/** Resolves one node of a filter tree; nested conditions resolve their filters through `ctx.resolveNode`. */
function resolveNode(
  node: unknown,
  catalog: FieldCatalog,
  path: Path,
  depth: number,
  ctx: ResolveContext,
): ResolvedFilter | undefined {
  const issues = ctx.issues
  issues.nodes++
  if (issues.nodes > FILTER_LIMITS.maxNodes) {
    if (issues.nodes === FILTER_LIMITS.maxNodes + 1) {
      issues.add(path, `A filter may have at most ${FILTER_LIMITS.maxNodes} nodes`, undefined)
    }
    return undefined
  }
  if (depth > FILTER_LIMITS.maxDepth) {
    issues.add(path, `A filter may nest at most ${FILTER_LIMITS.maxDepth} levels`, undefined)
    return undefined
  }
  if (!isRecord(node)) {
    issues.add(
      path,
      'Expected a filter object: { and: [...] }, { or: [...] }, { not: ... } or a condition',
      node,
    )
    return undefined
  }
  const keys = Object.keys(node)
  for (const branch of ['and', 'or'] as const) {
    if (branch in node) {
      if (keys.length !== 1) {
        issues.add(path, `"${branch}" must be the only key of its object`, node)
        return undefined
      }
      const items = node[branch]
      if (!Array.isArray(items)) {
        issues.add([...path, branch], `"${branch}" needs an array of filters`, items)
        return undefined
      }
      const resolved = items.map((item, i) =>
        resolveNode(item, catalog, [...path, branch, i], depth + 1, ctx),
      )
      if (resolved.some((r) => r === undefined)) return undefined
      return { kind: branch, items: resolved as ResolvedFilter[] }
    }
  }
  if ('not' in node) {
    if (keys.length !== 1) {
      issues.add(path, '"not" must be the only key of its object', node)
      return undefined
    }
    const item = resolveNode(node.not, catalog, [...path, 'not'], depth + 1, ctx)
    return item && { kind: 'not', item }
  }
  if ('related' in node) return resolveRelated(node, catalog, path, depth, ctx)
  if ('inSegment' in node) return resolveSegment(node, catalog, path, depth, ctx)
  return resolveCondition(node, catalog, path, issues)
}

/** Throws the collected problems as one ValidationError, its message naming the first. */
function refuse(catalog: FieldCatalog, issues: Collector): never {
  const first = issues.issues[0]
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : ''
  throw new ValidationError(
    `Invalid filter for ${catalog.entity.name}${where}: ${first?.message ?? 'invalid'}`,
    issues.issues,
  )
}

/**
 * Checks what can be checked of a filter before its segments are looked up: its size, depth and text (see
 * {@link checkFilterShape}). {@link resolveFilter} does the same first; callers that read segments call
 * this before reading them.
 *
 * @throws ValidationError when the filter is too large, too deep or holds NUL or unpaired surrogates.
 */
export function assertFilterShape(input: unknown, catalog: FieldCatalog): void {
  const issues = new Collector()
  if (!checkFilterShape(input, issues)) refuse(catalog, issues)
}

/**
 * Validates a filter against an entity's fields and resolves it. Collects every problem before throwing.
 * `segments` resolves `{ inSegment }` conditions; without it they are refused.
 *
 * @throws ValidationError with one issue per problem; an unknown field's issue lists the known fields.
 */
export function resolveFilter(
  input: unknown,
  catalog: FieldCatalog,
  segments?: SegmentLookup,
): ResolvedFilter {
  assertFilterShape(input, catalog)
  const issues = new Collector()
  const resolved = resolveNode(input, catalog, [], 0, { issues, segments, expanding: [], resolveNode })
  if (!resolved || issues.issues.length > 0) refuse(catalog, issues)
  return resolved
}
