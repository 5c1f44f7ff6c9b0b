import type { FieldKind } from '../entities/field'
import { asciiLower, compareCodePoints } from '../kernel/text'
import { DAY_MS } from '../kernel/timestamps'
import type { FilterField } from './field-catalog'
import { readFieldValue } from './read-field'
import type { ResolvedCondition, ResolvedFilter } from './resolved-filter'

/** A record as the predicate reads it: properties by name, custom fields under `custom`. */
export type FilterableRecord = object

/**
 * What a predicate needs besides the record when its filter follows relations or tests segment membership:
 * the related records by relation name (`{ purchases: [...], rfm: [row] }`) and a membership test.
 */
export interface PredicateContext {
  readonly related?: Readonly<Record<string, readonly object[]>>
  readonly isMember?: (segmentId: string, recordId: string) => boolean
}

/** A predicate over one record (and, for related-record filters, its context). */
export type RecordPredicate = (record: FilterableRecord, context?: PredicateContext) => boolean

/** A compiled filter. Bind it to an instant once, then test as many records as you like. */
export interface CompiledPredicate {
  /** A predicate for relative-time operators measured from `now` (an ISO timestamp). */
  at(now: string): RecordPredicate
  /** Relations whose records the predicate reads from its context (empty for plain field filters). */
  readonly relations: readonly string[]
  /** Does the predicate test segment membership (needs `isMember`)? */
  readonly usesSegments: boolean
}

function relatedOf(context: PredicateContext | undefined, relation: string): readonly object[] {
  const list = context?.related?.[relation]
  if (!list) {
    throw new Error(`This filter reads related ${relation}; pass them as context.related.${relation}`)
  }
  return list
}

function isMember(
  context: PredicateContext | undefined,
  segmentId: string,
  record: FilterableRecord,
): boolean {
  if (!context?.isMember) throw new Error('This filter tests segment membership; pass context.isMember')
  return context.isMember(segmentId, (record as { id: string }).id)
}

/**
 * The aggregate of a related-record condition over the records that match `where` and the time window:
 * count, sum (0 when none), min or max (null when none). Values of the wrong type are skipped, as in SQL.
 */
function aggregateRelated(
  list: readonly object[],
  where: RecordPredicate | null,
  timeField: FilterField,
  low: string | null,
  high: string | null,
  fn: 'count' | 'sum' | 'min' | 'max',
  field: FilterField | null,
  context: PredicateContext | undefined,
): number | string | null {
  let count = 0
  let sum = 0
  let best: number | string | null = null
  for (const item of list) {
    if (low !== null) {
      const t = readFieldValue(item, timeField)
      if (typeof t !== 'string' || t < low || t > high!) continue
    }
    if (where && !where(item, context)) continue
    count++
    if (fn === 'count' || !field) continue
    const value = readFieldValue(item, field)
    if (fn === 'sum') {
      if (typeof value === 'number') sum += value
    } else if (typeof value === 'number' || typeof value === 'string') {
      if (best === null || (fn === 'min' ? value < best : value > best)) best = value
    }
  }
  return fn === 'count' ? count : fn === 'sum' ? sum : best
}

const helpers = { lower: asciiLower, cmp: compareCodePoints, relatedOf, isMember, aggregateRelated }

/**
 * Compiles a resolved filter into a JavaScript function, generated once, with every constant passed by
 * reference (never spliced into the source) and field names written as JSON string literals. It mirrors the
 * SQL compiler: a missing value, or a value of the wrong type, never matches a comparison.
 *
 * @example
 * ```ts
 * const match = compilePredicate(resolved).at(new Date().toISOString())
 * contacts.filter(match)
 * ```
 */
export function compilePredicate(filter: ResolvedFilter): CompiledPredicate {
  const constants: unknown[] = []
  const boundLines: string[] = []
  let bounds = 0
  const constant = (value: unknown) => {
    constants.push(value)
    return `c[${constants.length - 1}]`
  }

  const relations = new Set<string>()
  let usesSegments = false

  const read = (field: FilterField): string => {
    let code = `v = r[${JSON.stringify(field.property)}]`
    if (field.via) {
      relations.add(field.via.relation)
      // A one-to-one relation: the value is in the single related row, if there is one.
      code = `v = h.relatedOf(x, ${JSON.stringify(field.via.relation)}), v = v.length > 0 ? v[0][${JSON.stringify(field.property)}] : undefined`
    }
    for (const key of field.path) {
      code += `, v = (v !== null && typeof v === 'object' && !Array.isArray(v)) ? v[${JSON.stringify(key)}] : undefined`
    }
    return code
  }

  const guard = (kind: FieldKind): string => {
    switch (kind) {
      case 'string':
      case 'enum':
      case 'timestamp':
      case 'date':
        return `typeof v === 'string'`
      case 'number':
      case 'integer':
        return `typeof v === 'number'`
      case 'boolean':
        return `typeof v === 'boolean'`
      case 'list':
        return 'Array.isArray(v)'
      case 'json':
        return 'v !== null && v !== undefined'
    }
  }

  const ordered = (field: FilterField, op: string, value: unknown): string => {
    if (field.kind === 'string') return `h.cmp(v, ${constant(value)}) ${op} 0`
    return `v ${op} ${constant(value)}`
  }

  const condition = (node: ResolvedCondition): string => {
    const { field } = node
    const present = guard(field.kind)
    switch (node.kind) {
      case 'compare': {
        const test =
          node.op === 'eq'
            ? `v === ${constant(node.value)}`
            : node.op === 'neq'
              ? `v !== ${constant(node.value)}`
              : ordered(field, { lt: '<', lte: '<=', gt: '>', gte: '>=' }[node.op], node.value)
        return `(${read(field)}, ${present} && ${test})`
      }
      case 'member': {
        const set = constant(new Set(node.values))
        return `(${read(field)}, ${present} && ${node.negate ? '!' : ''}${set}.has(v))`
      }
      case 'between':
        return `(${read(field)}, ${present} && ${ordered(field, '>=', node.low)} && ${ordered(field, '<=', node.high)})`
      case 'text': {
        const needle = constant(asciiLower(node.value))
        const method = node.op === 'contains' ? 'includes' : 'startsWith'
        return `(${read(field)}, ${present} && h.lower(v).${method}(${needle}))`
      }
      case 'listHas': {
        const set = constant(new Set(node.values))
        const any = `v.some((x) => ${set}.has(x))`
        return `(${read(field)}, ${present} && v.length > 0 && ${node.negate ? `!${any}` : any})`
      }
      case 'present': {
        const isSet = field.kind === 'list' ? `${present} && v.length > 0` : present
        return `(${read(field)}, ${node.negate ? `!(${isSet})` : isSet})`
      }
      case 'relativeTime': {
        const bound = `t${bounds++}`
        // Dates compare with calendar dates (UTC), instants with instants.
        const slice = field.kind === 'date' ? '.slice(0, 10)' : ''
        boundLines.push(
          `const ${bound} = new Date(nowMs - ${constant(node.days * DAY_MS)}).toISOString()${slice};`,
        )
        const upper = field.kind === 'date' ? 'today' : 'now'
        const test = node.op === 'inLastDays' ? `v >= ${bound} && v <= ${upper}` : `v < ${bound}`
        return `(${read(field)}, ${present} && ${test})`
      }
    }
  }

  const emit = (node: ResolvedFilter): string => {
    switch (node.kind) {
      case 'and':
        return node.items.length === 0 ? 'true' : `(${node.items.map(emit).join(' && ')})`
      case 'or':
        return node.items.length === 0 ? 'false' : `(${node.items.map(emit).join(' || ')})`
      case 'not':
        return `!${emit(node.item)}`
      case 'related': {
        relations.add(node.relation.name)
        const timeField = node.relation.target.fields.get(node.relation.def.timeField)!
        let low = 'null'
        let high = 'null'
        if (node.withinDays !== undefined) {
          low = `t${bounds++}`
          boundLines.push(
            `const ${low} = new Date(nowMs - ${constant(node.withinDays * DAY_MS)}).toISOString();`,
          )
          high = 'now'
        }
        let where = 'null'
        if (node.where) {
          const inner = compilePredicate(node.where)
          for (const relation of inner.relations) relations.add(relation)
          usesSegments ||= inner.usesSegments
          where = `s${bounds++}`
          boundLines.push(`const ${where} = ${constant(inner)}.at(now);`)
        }
        const field = node.field ? constant(node.field) : 'null'
        const aggregate = `h.aggregateRelated(h.relatedOf(x, ${JSON.stringify(node.relation.name)}), ${where}, ${constant(timeField)}, ${low}, ${high}, ${JSON.stringify(node.fn)}, ${field}, x)`
        const op = { eq: '===', neq: '!==', lt: '<', lte: '<=', gt: '>', gte: '>=' }[node.op]
        return `((v = ${aggregate}) !== null && v ${op} ${constant(node.value)})`
      }
      case 'inSegment':
        usesSegments = true
        return `h.isMember(x, ${constant(node.segmentId)}, r)`
      default:
        return condition(node)
    }
  }

  const body = emit(filter)
  const source = `return function at(instant) {
  const nowMs = Date.parse(instant);
  if (Number.isNaN(nowMs)) throw new RangeError('compilePredicate: "now" must be an ISO timestamp');
  const now = new Date(nowMs).toISOString();
  const today = now.slice(0, 10);
  ${boundLines.join('\n  ')}
  return function matches(r, x) { let v; return ${body}; };
};`
  const factory = new Function('c', 'h', source) as (
    c: unknown[],
    h: typeof helpers,
  ) => (now: string) => RecordPredicate
  const at = factory(constants, helpers)
  return { at, relations: [...relations], usesSegments }
}
