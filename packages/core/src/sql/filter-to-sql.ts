import { type RawBuilder, type SqlBool, sql } from 'kysely'
import { segmentMemberEntity } from '../entities/segment-entity'
import type { FilterField } from '../filter/field-catalog'
import type {
  ResolvedCondition,
  ResolvedFilter,
  ResolvedRelated,
  ResolvedScalar,
  ResolvedSegment,
} from '../filter/resolved-filter'
import { asciiLower } from '../kernel/text'
import { addDays } from '../kernel/timestamps'
import type { SqlDialect } from './sql-dialect'
import type { TableNames } from './table-names'

const TRUE = sql<SqlBool>`1 = 1`
const FALSE = sql<SqlBool>`1 = 0`

/** Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** How many terms one parenthesised `and` / `or` run may hold before it is split in halves. */
const FLAT_RUN = 8

/**
 * Joins terms with `and` / `or`, as a balanced tree of parenthesised runs. SQLite parses `a or b or c ...`
 * into a left-deep binary tree, one level per term, and refuses an expression deeper than 1,000 levels
 * ("Expression tree is too large"), so a flat `or` of 1,000 conditions fails. Halving keeps the depth at
 * about log2(n): 2,000 terms nest 12 levels. Postgres flattens nested `and` / `or` again when it plans.
 */
export function joinBalanced(terms: readonly RawBuilder<SqlBool>[], op: 'and' | 'or'): RawBuilder<SqlBool> {
  if (terms.length <= FLAT_RUN) return sql<SqlBool>`(${sql.join(terms, sql.raw(` ${op} `))})`
  const half = Math.ceil(terms.length / 2)
  return sql<SqlBool>`(${joinBalanced(terms.slice(0, half), op)} ${sql.raw(op)} ${joinBalanced(terms.slice(half), op)})`
}

/** Where a filter is compiled: needed for subqueries over related tables. */
export interface SqlFilterScope {
  /** Physical names of the related tables. Required when the filter follows relations. */
  readonly names?: TableNames
  /** Alias of the table the filter's fields belong to (its `id` and `tenant_id` correlate subqueries). */
  readonly qualifier?: string
}

const COMPARE: Record<'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte', string> = {
  eq: '=',
  neq: '<>',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
}

/**
 * Compiles a resolved filter to a SQL condition for a `WHERE` clause. Every value is a bound parameter;
 * field names come only from entity descriptions. A missing value fails a condition, as in the in-memory
 * predicate: where SQL's NULL already rejects the row (a plain `WHERE`, an `EXISTS`), the comparison is
 * left as it is; under a `not` each condition is made two-valued with an `is not null` guard, so `not` of a
 * failed condition passes. The result may therefore be NULL for a row that does not match: use it as a
 * condition, not as a value.
 *
 * Related-record conditions become `EXISTS` (at least one / none) or a correlated aggregate subquery;
 * segment membership an `EXISTS` on its members; a one-to-one field (`rfm.recencyScore`) a correlated
 * scalar subquery. Each subquery matches `tenant_id` and the owner's id, which the indexes on the related
 * tables lead with.
 */
export function compileFilterToSql(
  filter: ResolvedFilter,
  dialect: SqlDialect,
  now: string,
  scope: SqlFilterScope = {},
): RawBuilder<SqlBool> {
  let aliases = 0
  const names = () => {
    if (!scope.names)
      throw new Error('compileFilterToSql: related conditions need the table names (scope.names)')
    return scope.names
  }
  const ref = (qualifier: string | undefined, column: string) =>
    sql.ref(qualifier ? `${qualifier}.${column}` : column)

  const param = (field: FilterField, value: ResolvedScalar) =>
    sql`${dialect.encode(field.kind === 'list' ? (field.elementKind ?? 'string') : field.kind, value)}`

  // A field's value; a one-to-one field reads the related row with a correlated subquery.
  const fieldValueOf = (field: FilterField, qualifier: string | undefined) => {
    if (!field.via) return dialect.fieldValue(field, qualifier)
    const { def } = field.via
    if (def.join.kind !== 'foreignKey') throw new Error(`Cannot read ${field.name} in SQL`)
    const alias = `x${aliases++}`
    const { via: _via, ...inner } = field
    return sql`(select ${dialect.fieldValue(inner, alias)} from ${sql.table(names().table(def.target.table))} as ${sql.id(alias)} where ${ref(alias, 'tenant_id')} = ${ref(qualifier, 'tenant_id')} and ${ref(alias, def.join.column)} = ${ref(qualifier, 'id')})`
  }

  // `negated`: the condition sits under a `not`, where NULL must become false before it is negated.
  // Elsewhere the guard is left out: it would read the value a second time (a JSON lookup, for custom
  // fields) only to turn a NULL that already rejects the row into false.
  const condition = (
    node: ResolvedCondition,
    qualifier: string | undefined,
    negated: boolean,
  ): RawBuilder<SqlBool> => {
    const value = fieldValueOf(node.field, qualifier)
    const set = sql<SqlBool>`${value} is not null`
    const guarded = (test: RawBuilder<SqlBool>) =>
      negated ? sql<SqlBool>`(${set} and ${test})` : sql<SqlBool>`(${test})`
    switch (node.kind) {
      case 'compare':
        return guarded(sql<SqlBool>`${value} ${sql.raw(COMPARE[node.op])} ${param(node.field, node.value)}`)
      case 'member': {
        if (node.values.length === 0) return node.negate ? sql<SqlBool>`(${set})` : FALSE
        const inValues = dialect.inList(value, node.values, node.field.kind)
        return guarded(node.negate ? sql<SqlBool>`not ${inValues}` : inValues)
      }
      case 'between':
        return guarded(
          sql<SqlBool>`${value} >= ${param(node.field, node.low)} and ${value} <= ${param(node.field, node.high)}`,
        )
      case 'text': {
        const escaped = escapeLike(asciiLower(node.value))
        const pattern = node.op === 'contains' ? `%${escaped}%` : `${escaped}%`
        return guarded(dialect.likeAsciiInsensitive(value, pattern))
      }
      case 'listHas': {
        const elementKind = node.field.elementKind ?? 'string'
        const values = node.values.map((v) => dialect.encode(elementKind, v))
        const hasAny = values.length === 0 ? FALSE : dialect.listHasAny(value, values, elementKind)
        return node.negate
          ? sql<SqlBool>`(${dialect.listIsNonEmpty(value)} and not ${hasAny})`
          : sql<SqlBool>`(${dialect.listIsNonEmpty(value)} and ${hasAny})`
      }
      case 'present': {
        const isSet = node.field.kind === 'list' ? dialect.listIsNonEmpty(value) : set
        return node.negate ? sql<SqlBool>`(not ${isSet})` : sql<SqlBool>`(${isSet})`
      }
      case 'relativeTime': {
        // Dates compare with calendar dates (UTC), instants with instants.
        const asKind = (iso: string) => (node.field.kind === 'date' ? iso.slice(0, 10) : iso)
        const bound = param(node.field, asKind(addDays(now, -node.days)))
        return node.op === 'inLastDays'
          ? guarded(sql<SqlBool>`${value} >= ${bound} and ${value} <= ${param(node.field, asKind(now))}`)
          : guarded(sql<SqlBool>`${value} < ${bound}`)
      }
    }
  }

  // FROM and correlation of the related rows of the owner aliased `qualifier`.
  const relatedSource = (node: ResolvedRelated, qualifier: string | undefined, alias: string) => {
    const { def } = node.relation
    const target = sql`${sql.table(names().table(def.target.table))} as ${sql.id(alias)}`
    if (def.join.kind === 'foreignKey') {
      return {
        from: target,
        where: [
          sql<SqlBool>`${ref(alias, 'tenant_id')} = ${ref(qualifier, 'tenant_id')}`,
          sql<SqlBool>`${ref(alias, def.join.column)} = ${ref(qualifier, 'id')}`,
        ],
      }
    }
    const link = `l${alias}`
    const join = def.join
    const where = [
      sql<SqlBool>`${ref(link, 'tenant_id')} = ${ref(qualifier, 'tenant_id')}`,
      sql<SqlBool>`${ref(link, join.ownerColumn)} = ${ref(qualifier, 'id')}`,
    ]
    if (join.typeColumn) where.push(sql<SqlBool>`${ref(link, join.typeColumn)} = ${join.typeValue}`)
    return {
      from: sql`${sql.table(names().table(join.link.table))} as ${sql.id(link)} join ${target} on ${ref(alias, 'tenant_id')} = ${ref(link, 'tenant_id')} and ${ref(alias, 'id')} = ${ref(link, join.targetColumn)}`,
      where,
    }
  }

  const related = (node: ResolvedRelated, qualifier: string | undefined): RawBuilder<SqlBool> => {
    const alias = `r${aliases++}`
    const { from, where } = relatedSource(node, qualifier, alias)
    const target = node.relation.target
    if (node.withinDays !== undefined) {
      const timeField = target.fields.get(node.relation.def.timeField)!
      const time = dialect.fieldValue(timeField, alias)
      where.push(sql<SqlBool>`${time} >= ${param(timeField, addDays(now, -node.withinDays))}`)
      where.push(sql<SqlBool>`${time} <= ${param(timeField, now)}`)
    }
    // Inside EXISTS or an aggregate's WHERE a NULL rejects the related row like false: a fresh positive scope.
    if (node.where) where.push(compile(node.where, alias, false))
    const conditions = sql.join(where, sql` and `)
    const count = node.fn === 'count' ? Number(node.value) : Number.NaN
    // "At least one" and "none" are EXISTS tests: the database stops at the first related row.
    if ((node.op === 'gte' && count === 1) || (node.op === 'gt' && count === 0)) {
      return sql<SqlBool>`exists (select 1 from ${from} where ${conditions})`
    }
    if (
      (node.op === 'eq' && count === 0) ||
      (node.op === 'lt' && count === 1) ||
      (node.op === 'lte' && count === 0)
    ) {
      return sql<SqlBool>`not exists (select 1 from ${from} where ${conditions})`
    }
    const op = sql.raw(COMPARE[node.op])
    if (node.fn === 'count') {
      return sql<SqlBool>`((select count(*) from ${from} where ${conditions}) ${op} ${dialect.encode('integer', node.value)})`
    }
    const field = node.field!
    const value = dialect.fieldValue(field, alias)
    if (node.fn === 'sum') {
      return sql<SqlBool>`((select coalesce(sum(${value}), 0) from ${from} where ${conditions}) ${op} ${param(field, node.value)})`
    }
    // min/max over no rows is NULL: the comparison fails, as a missing value does everywhere else.
    return sql<SqlBool>`coalesce((select ${sql.raw(node.fn)}(${value}) from ${from} where ${conditions}) ${op} ${param(field, node.value)}, false)`
  }

  const inSegment = (node: ResolvedSegment, qualifier: string | undefined): RawBuilder<SqlBool> => {
    const alias = `m${aliases++}`
    return sql<SqlBool>`exists (select 1 from ${sql.table(names().table(segmentMemberEntity.table))} as ${sql.id(alias)} where ${ref(alias, 'tenant_id')} = ${ref(qualifier, 'tenant_id')} and ${ref(alias, 'segment_id')} = ${node.segmentId} and ${ref(alias, 'record_id')} = ${ref(qualifier, 'id')})`
  }

  const compile = (
    node: ResolvedFilter,
    qualifier: string | undefined,
    negated: boolean,
  ): RawBuilder<SqlBool> => {
    switch (node.kind) {
      case 'and':
        return node.items.length === 0
          ? TRUE
          : joinBalanced(
              node.items.map((i) => compile(i, qualifier, negated)),
              'and',
            )
      case 'or':
        return node.items.length === 0
          ? FALSE
          : joinBalanced(
              node.items.map((i) => compile(i, qualifier, negated)),
              'or',
            )
      case 'not':
        return sql<SqlBool>`(not ${compile(node.item, qualifier, true)})`
      case 'related':
        return related(node, qualifier)
      case 'inSegment':
        return inSegment(node, qualifier)
      default:
        return condition(node, qualifier, negated)
    }
  }

  return compile(filter, scope.qualifier, false)
}
