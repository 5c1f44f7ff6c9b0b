import type { FieldKind } from '../entities/field'

/** Every filter operator. */
export const FILTER_OPERATORS = [
  'eq',
  'neq',
  'in',
  'notIn',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'contains',
  'startsWith',
  'isSet',
  'isNotSet',
  'inLastDays',
  'beforeDaysAgo',
] as const

/** One of {@link FILTER_OPERATORS}. */
export type FilterOperator = (typeof FILTER_OPERATORS)[number]

const ORDERED = [
  'eq',
  'neq',
  'in',
  'notIn',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'isSet',
  'isNotSet',
] as const

/** Which operators each field kind accepts. */
export const OPERATORS_BY_KIND: Readonly<Record<FieldKind, readonly FilterOperator[]>> = {
  string: [...ORDERED, 'contains', 'startsWith'],
  enum: ['eq', 'neq', 'in', 'notIn', 'isSet', 'isNotSet'],
  number: ORDERED,
  integer: ORDERED,
  boolean: ['eq', 'neq', 'isSet', 'isNotSet'],
  timestamp: [...ORDERED, 'inLastDays', 'beforeDaysAgo'],
  date: [...ORDERED, 'inLastDays', 'beforeDaysAgo'],
  list: ['contains', 'in', 'notIn', 'isSet', 'isNotSet'],
  json: ['isSet', 'isNotSet'],
}
