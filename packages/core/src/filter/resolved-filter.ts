import type { FilterField, RelationRef } from './field-catalog'

/** A value a resolved condition compares with; timestamps are canonical ISO strings. */
export type ResolvedScalar = string | number | boolean

/**
 * A filter after validation: every field resolved to where its value lives, every value checked and
 * normalised, and every operator turned into the comparison it means for the field's kind. Both evaluators
 * (the in-memory predicate and the SQL compiler) take this form, so they cannot disagree on parsing.
 */
export type ResolvedFilter =
  | { readonly kind: 'and'; readonly items: readonly ResolvedFilter[] }
  | { readonly kind: 'or'; readonly items: readonly ResolvedFilter[] }
  | { readonly kind: 'not'; readonly item: ResolvedFilter }
  | ResolvedCondition
  | ResolvedRelated
  | ResolvedSegment

/** A resolved related-record condition: an aggregate over the related records that match, compared. */
export interface ResolvedRelated {
  readonly kind: 'related'
  readonly relation: RelationRef
  /** Which related records count (resolved against the related entity's catalog). */
  readonly where?: ResolvedFilter
  readonly withinDays?: number
  readonly fn: 'count' | 'sum' | 'min' | 'max'
  /** The aggregated field, for sum/min/max. */
  readonly field?: FilterField
  readonly op: 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte'
  readonly value: ResolvedScalar
}

/** Membership of a snapshot or static segment (dynamic segments are inlined as their filter). */
export interface ResolvedSegment {
  readonly kind: 'inSegment'
  readonly segmentId: string
  readonly key: string
}

/** A resolved condition on one field. Each kind is a comparison on a present value of the right type. */
export type ResolvedCondition =
  | {
      readonly kind: 'compare'
      readonly field: FilterField
      readonly op: 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte'
      readonly value: ResolvedScalar
    }
  | {
      readonly kind: 'member'
      readonly field: FilterField
      readonly negate: boolean
      readonly values: readonly ResolvedScalar[]
    }
  | {
      readonly kind: 'between'
      readonly field: FilterField
      readonly low: ResolvedScalar
      readonly high: ResolvedScalar
    }
  | {
      readonly kind: 'text'
      readonly field: FilterField
      readonly op: 'contains' | 'startsWith'
      readonly value: string
    }
  | {
      readonly kind: 'listHas'
      readonly field: FilterField
      readonly negate: boolean
      readonly values: readonly ResolvedScalar[]
    }
  | { readonly kind: 'present'; readonly field: FilterField; readonly negate: boolean }
  | {
      readonly kind: 'relativeTime'
      readonly field: FilterField
      readonly op: 'inLastDays' | 'beforeDaysAgo'
      readonly days: number
    }

/** A filter that matches everything. */
export const MATCH_ALL: ResolvedFilter = { kind: 'and', items: [] }

/** Both filters must match; drops trivial `and`s. */
export function andFilters(...filters: readonly (ResolvedFilter | undefined)[]): ResolvedFilter {
  const items = filters.filter(
    (f): f is ResolvedFilter => f !== undefined && !(f.kind === 'and' && f.items.length === 0),
  )
  if (items.length === 1) return items[0]!
  return { kind: 'and', items }
}
