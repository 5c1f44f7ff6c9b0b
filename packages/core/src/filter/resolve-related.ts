import type { FieldCatalog } from './field-catalog'
import type { Path } from './filter-limits'
import type { ResolveContext } from './resolve-context'
import { resolveScalar } from './resolve-scalar'
import type { ResolvedFilter, ResolvedScalar } from './resolved-filter'

const AGGREGATE_OPS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte'] as const
type AggregateOp = (typeof AGGREGATE_OPS)[number]
const RELATED_KEYS = new Set(['related', 'where', 'withinDays', 'having'])
const NUMERIC = new Set(['number', 'integer'])
const ORDERED = new Set(['number', 'integer', 'timestamp', 'date'])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Resolves `{ related, where?, withinDays?, having? }` against the relation's target catalog. Without
 * `having` it means "at least one".
 */
export function resolveRelated(
  node: Record<string, unknown>,
  catalog: FieldCatalog,
  path: Path,
  depth: number,
  ctx: ResolveContext,
): ResolvedFilter | undefined {
  const { issues } = ctx
  const extra = Object.keys(node).filter((k) => !RELATED_KEYS.has(k))
  if (extra.length > 0) {
    issues.add(path, `Unexpected key(s) in a related condition: ${extra.join(', ')}`, node)
    return undefined
  }
  const name = node.related
  const relation = typeof name === 'string' ? catalog.relations.get(name) : undefined
  if (!relation || relation.def.cardinality === 'one') {
    const known = [...catalog.relations.values()]
      .filter((r) => r.def.cardinality !== 'one')
      .map((r) => r.name)
    issues.add(
      [...path, 'related'],
      `Unknown relation ${JSON.stringify(name)} of ${catalog.entity.name}. Known relations: ${known.join(', ')}`,
      name,
      { knownRelations: known },
    )
    return undefined
  }
  const target = relation.target
  let where: ResolvedFilter | undefined
  if (node.where !== undefined) {
    where = ctx.resolveNode(node.where, target, [...path, 'where'], depth + 1, ctx)
    if (!where) return undefined
  }
  let withinDays: number | undefined
  if (node.withinDays !== undefined) {
    const days = node.withinDays
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 365_000) {
      issues.add([...path, 'withinDays'], '"withinDays" needs a whole number of days from 0 to 365000', days)
      return undefined
    }
    withinDays = days
  }
  const base = {
    kind: 'related' as const,
    relation,
    ...(where ? { where } : {}),
    ...(withinDays === undefined ? {} : { withinDays }),
  }
  if (node.having === undefined) return { ...base, fn: 'count', op: 'gte', value: 1 }
  const having = node.having
  const havingPath = [...path, 'having']
  if (!isRecord(having)) {
    issues.add(havingPath, '"having" needs { fn, field?, op, value }', having)
    return undefined
  }
  const op = having.op
  if (typeof op !== 'string' || !(AGGREGATE_OPS as readonly string[]).includes(op)) {
    issues.add([...havingPath, 'op'], `"having.op" must be one of ${AGGREGATE_OPS.join(', ')}`, op)
    return undefined
  }
  if (having.fn === 'count') {
    const value = having.value
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      issues.add([...havingPath, 'value'], 'A count compares with a whole number ≥ 0', value)
      return undefined
    }
    return { ...base, fn: 'count', op: op as AggregateOp, value }
  }
  if (having.fn !== 'sum' && having.fn !== 'min' && having.fn !== 'max') {
    issues.add([...havingPath, 'fn'], '"having.fn" must be count, sum, min or max', having.fn)
    return undefined
  }
  const field = typeof having.field === 'string' ? target.fields.get(having.field) : undefined
  const allowed = having.fn === 'sum' ? NUMERIC : ORDERED
  if (!field || !allowed.has(field.kind) || field.via) {
    const candidates = [...target.fields.values()]
      .filter((f) => allowed.has(f.kind) && !f.via)
      .map((f) => f.name)
    issues.add(
      [...havingPath, 'field'],
      `"${having.fn}" needs a ${having.fn === 'sum' ? 'numeric' : 'numeric, date or timestamp'} field of ${relation.name}: ${candidates.join(', ')}`,
      having.field,
    )
    return undefined
  }
  const value = resolveScalar(field, field.kind, having.value, [...havingPath, 'value'], issues)
  if (value === undefined) return undefined
  return { ...base, fn: having.fn, field, op: op as AggregateOp, value: value as ResolvedScalar }
}

/**
 * Resolves `{ inSegment: key }`: a dynamic segment becomes its own filter (so both evaluators see plain
 * conditions); a snapshot or static segment becomes a membership test.
 */
export function resolveSegment(
  node: Record<string, unknown>,
  catalog: FieldCatalog,
  path: Path,
  depth: number,
  ctx: ResolveContext,
): ResolvedFilter | undefined {
  const { issues } = ctx
  const key = node.inSegment
  if (Object.keys(node).length !== 1 || typeof key !== 'string') {
    issues.add(path, '{ inSegment } takes a segment key and nothing else', node)
    return undefined
  }
  const segment = ctx.segments?.(key)
  if (!segment) {
    issues.add([...path, 'inSegment'], `Unknown segment "${key}"`, key)
    return undefined
  }
  if (segment.entity !== catalog.entity.name) {
    issues.add(
      [...path, 'inSegment'],
      `Segment "${key}" holds ${segment.entity} records, not ${catalog.entity.name}`,
      key,
    )
    return undefined
  }
  if (segment.kind === 'members') return { kind: 'inSegment', segmentId: segment.segmentId, key }
  if (ctx.expanding.includes(key)) {
    issues.add(
      [...path, 'inSegment'],
      `Segments refer to each other in a cycle: ${[...ctx.expanding, key].join(' → ')}`,
      key,
    )
    return undefined
  }
  return ctx.resolveNode(segment.filter, catalog, [...path, 'inSegment'], depth + 1, {
    ...ctx,
    expanding: [...ctx.expanding, key],
  })
}
