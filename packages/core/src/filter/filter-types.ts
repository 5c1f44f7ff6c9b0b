import type { FilterOperator } from './operators'

/** A value a condition compares with: text (also ISO timestamps), a number or a boolean. */
export type FilterScalar = string | number | boolean

/** Operators that compare with one value. */
export type SingleValueOperator = 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains' | 'startsWith'

/**
 * One condition on one field. `field` names a standard field (`email`), a custom field (`custom.tier`,
 * `custom.address.city`) or a field inside a JSON field (`consent.email.status`).
 *
 * A missing value never matches a comparison; only `isNotSet` matches it. So `neq` does not match
 * records where the field is empty, while `{ not: { ...eq } }` does.
 */
export type FilterCondition =
  | { readonly field: string; readonly op: SingleValueOperator; readonly value: FilterScalar }
  | { readonly field: string; readonly op: 'in' | 'notIn'; readonly value: readonly FilterScalar[] }
  | { readonly field: string; readonly op: 'between'; readonly value: readonly [FilterScalar, FilterScalar] }
  | { readonly field: string; readonly op: 'isSet' | 'isNotSet' }
  | { readonly field: string; readonly op: 'inLastDays' | 'beforeDaysAgo'; readonly value: number }

/** Comparison operators of a related-record aggregate. */
export type AggregateOperator = 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte'

/** What to compute over the matching related records, and how to compare it. */
export type RelatedAggregate =
  | { readonly fn: 'count'; readonly op: AggregateOperator; readonly value: number }
  | {
      readonly fn: 'sum' | 'min' | 'max'
      /** A numeric, date or timestamp field of the related records (`sum`: numeric only). */
      readonly field: string
      readonly op: AggregateOperator
      readonly value: FilterScalar
    }

/**
 * A condition on related records: "has purchases where … within the last 90 days, at least 2 of them".
 * Without `having`, it means "has at least one". Aggregates follow SQL: a sum over no records is 0, a min
 * or max over no records is missing (so it matches nothing).
 *
 * @example
 * ```ts
 * const boughtTwiceIn90Days: Filter = {
 *   related: 'purchases',
 *   where: { field: 'status', op: 'eq', value: 'paid' },
 *   withinDays: 90,
 *   having: { fn: 'count', op: 'gte', value: 2 },
 * }
 * ```
 */
export interface RelatedCondition {
  /** A relation of the record type: `purchases`, `deals`, `activities`, ... */
  readonly related: string
  /** Which related records count. */
  readonly where?: Filter
  /** Only related records whose time field is within the last N days (24-hour periods, up to now). */
  readonly withinDays?: number
  readonly having?: RelatedAggregate
}

/** Membership of a segment, by its key (a dynamic segment's filter is applied in place). */
export interface SegmentCondition {
  readonly inSegment: string
}

/**
 * A filter: a tree of `and` / `or` / `not` over conditions. JSON all the way down, so it can be stored,
 * sent over HTTP and validated.
 *
 * @example
 * ```ts
 * const filter: Filter = {
 *   and: [
 *     { field: 'lifecycleStage', op: 'in', value: ['lead', 'marketingQualified'] },
 *     { field: 'custom.tier', op: 'eq', value: 'gold' },
 *     { not: { field: 'consent.email.status', op: 'eq', value: 'unsubscribed' } },
 *   ],
 * }
 * ```
 */
export type Filter =
  | { readonly and: readonly Filter[] }
  | { readonly or: readonly Filter[] }
  | { readonly not: Filter }
  | FilterCondition
  | RelatedCondition
  | SegmentCondition

/** Re-exported for convenience. */
export type { FilterOperator }
