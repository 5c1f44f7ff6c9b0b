import type { FieldKind } from '../entities/field'
import { timestampInput } from '../kernel/timestamps'
import type { FilterField } from './field-catalog'
import { type Collector, FILTER_LIMITS, type Path } from './filter-limits'
import type { ResolvedScalar } from './resolved-filter'

const KIND_LABEL: Record<FieldKind, string> = {
  string: 'a string',
  enum: 'one of the allowed values',
  number: 'a finite number',
  integer: 'a whole number (a safe integer)',
  boolean: 'a boolean',
  timestamp: 'an ISO 8601 date-time with Z or an offset',
  date: 'a calendar date "YYYY-MM-DD"',
  list: 'a list element',
  json: 'nothing',
}

/** Checks one value against a field's kind; adds an issue and returns undefined when it does not fit. */
export function resolveScalar(
  field: FilterField,
  kind: FieldKind,
  value: unknown,
  /** Where the value is; a function when building the path for every value of a long list would cost. */
  at: Path | (() => Path),
  issues: Collector,
): ResolvedScalar | undefined {
  const path = () => (typeof at === 'function' ? at() : at)
  const fail = () => {
    const allowed = kind === 'enum' && field.values ? `: ${field.values.join(', ')}` : ''
    issues.add(path(), `Field "${field.name}" needs ${KIND_LABEL[kind]}${allowed}`, value)
    return undefined
  }
  if (typeof value === 'string' && value.length > FILTER_LIMITS.maxTextLength) {
    issues.add(
      path(),
      `Text in a filter may have at most ${FILTER_LIMITS.maxTextLength} characters (this has ${value.length})`,
      value.slice(0, 100),
    )
    return undefined
  }
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value : fail()
    case 'enum':
      return typeof value === 'string' && field.values?.includes(value) ? value : fail()
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : fail()
    // Postgres stores these as bigint and refuses 1.5 or 2^63 as a parameter: refused here, they never
    // reach it (and no stored whole number could equal a fraction anyway).
    case 'integer':
      return Number.isSafeInteger(value) ? (value as number) : fail()
    case 'boolean':
      return typeof value === 'boolean' ? value : fail()
    case 'timestamp': {
      const parsed = timestampInput.safeParse(value)
      return parsed.success ? parsed.data : fail()
    }
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? value : fail()
    case 'list':
      return resolveScalar(field, field.elementKind === 'number' ? 'number' : 'string', value, at, issues)
    case 'json':
      return fail()
  }
}

/** A real `YYYY-MM-DD` date (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const ms = Date.parse(`${value}T00:00:00.000Z`)
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value
}
