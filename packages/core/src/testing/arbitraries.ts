import fc from 'fast-check'
import type { ContactCreateInput } from '../customers/contact-input'
import { CONSENT_STATUSES } from '../domain/consent'
import { LIFECYCLE_STAGES } from '../domain/lifecycle'
import { PARTY_KINDS } from '../domain/party-kind'
import { FILTER_LIMITS } from '../filter/filter-limits'
import type { Filter, FilterCondition } from '../filter/filter-types'
import { type FilterOperator, OPERATORS_BY_KIND } from '../filter/operators'
import { textProblem } from '../kernel/text'

// Small pools so that random filters hit random data often, with the hard cases in them: case, accents,
// non-BMP characters, LIKE wildcards, quotes, negative and fractional numbers, instants across years.
const NAMES = [
  'Ada',
  'ada',
  'ADA',
  'Bob',
  'Émile',
  'émile',
  'Zoë',
  '李',
  '𝒜lpha',
  'a%b',
  'a_b',
  "O'Neil",
  'x\\y',
  'Ab',
  'b',
]
const CITIES = ['Berlin', 'berlin', 'München', 'Paris', 'São Paulo', 'New York', '']
const EMAILS = ['ada@example.com', 'ADA@example.com', 'bob@test.org', 'e@x.io']
const COUNTRIES = ['DE', 'FR', 'US', 'BR']
/** Tags, with case variants and a LIKE wildcard. */
export const TAGS = ['vip', 'Vip', 'b2b', 'new', 'churn%']
/** Numbers with negatives and fractions. */
export const NUMBERS = [-3, -1.5, 0, 1, 2, 2.5, 3, 10, 1e6]
/** Instants around the suite clock's start (2026-03-02T09:00Z), and a few years away. */
export const INSTANTS = [
  '2019-12-31T23:59:59.999Z',
  '2024-02-29T12:00:00.000Z',
  '2025-12-31T00:00:00.000Z',
  '2026-02-20T09:00:00.000Z',
  '2026-02-28T09:00:00.000Z',
  '2026-03-01T09:00:00.000Z',
  '2026-03-02T08:59:59.999Z',
  '2026-03-02T09:00:00.000Z',
  '2026-03-05T00:00:00.000Z',
]

/** Calendar dates around the suite clock's start. */
export const DATES = [
  '2019-12-31',
  '2024-02-29',
  '2026-02-20',
  '2026-02-28',
  '2026-03-01',
  '2026-03-02',
  '2026-03-03',
  '2027-01-01',
]

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
const pick = <T>(values: readonly T[]) => fc.constantFrom(...values)

/** A random contact input drawn from small pools. */
export const contactInputArb: fc.Arbitrary<ContactCreateInput<Record<string, unknown>>> = fc
  .record(
    {
      firstName: maybe(pick(NAMES)),
      lastName: maybe(pick(NAMES)),
      email: maybe(pick(EMAILS)),
      country: maybe(pick(COUNTRIES)),
      city: maybe(pick(CITIES)),
      kind: pick(PARTY_KINDS),
      tags: fc.subarray(TAGS),
      lifecycleStage: maybe(pick(LIFECYCLE_STAGES)),
      doNotContact: fc.boolean(),
      emailConsent: maybe(fc.record({ status: pick(CONSENT_STATUSES), capturedAt: pick(INSTANTS) })),
      custom: fc.record(
        {
          tier: pick(['gold', 'silver', 'bronze'] as const),
          score: pick(NUMBERS),
          active: fc.boolean(),
          since: pick(INSTANTS),
          renewal: pick(DATES),
          labels: fc.subarray(TAGS),
          note: pick(NAMES),
          address: fc.record({ city: pick(CITIES), zip: pick(['10115', '75001']) }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['kind', 'tags', 'doNotContact', 'custom'] },
  )
  .map(({ emailConsent, ...rest }) => ({
    ...rest,
    ...(emailConsent ? { consent: { email: emailConsent } } : {}),
  }))

/** A field random conditions may name, its kind and the pool of values to draw from. */
export type FieldSpec = {
  field: string
  kind: 'string' | 'enum' | 'number' | 'boolean' | 'timestamp' | 'date' | 'list'
  values: readonly unknown[]
}

const FIELDS: readonly FieldSpec[] = [
  { field: 'firstName', kind: 'string', values: NAMES },
  { field: 'lastName', kind: 'string', values: NAMES },
  { field: 'email', kind: 'string', values: EMAILS },
  { field: 'country', kind: 'string', values: COUNTRIES },
  { field: 'city', kind: 'string', values: CITIES.filter((c) => c !== '') },
  { field: 'kind', kind: 'enum', values: PARTY_KINDS },
  { field: 'lifecycleStage', kind: 'enum', values: LIFECYCLE_STAGES },
  { field: 'tags', kind: 'list', values: TAGS },
  { field: 'doNotContact', kind: 'boolean', values: [true, false] },
  { field: 'consent.email.status', kind: 'enum', values: CONSENT_STATUSES },
  { field: 'consent.email.capturedAt', kind: 'timestamp', values: INSTANTS },
  { field: 'custom.tier', kind: 'enum', values: ['gold', 'silver', 'bronze'] },
  { field: 'custom.score', kind: 'number', values: NUMBERS },
  { field: 'custom.active', kind: 'boolean', values: [true, false] },
  { field: 'custom.since', kind: 'timestamp', values: INSTANTS },
  { field: 'custom.renewal', kind: 'date', values: DATES },
  { field: 'custom.labels', kind: 'list', values: TAGS },
  { field: 'custom.note', kind: 'string', values: NAMES },
  { field: 'custom.address.city', kind: 'string', values: CITIES },
  { field: 'createdAt', kind: 'timestamp', values: INSTANTS },
]

/** Instants are generated without `in` / `notIn` (as this suite always has): equality covers them. */
const withoutLists = (ops: readonly FilterOperator[]) => ops.filter((op) => op !== 'in' && op !== 'notIn')

/** The operators each field kind accepts, as the filter language defines them. */
const OPS: Record<FieldSpec['kind'], readonly string[]> = {
  string: OPERATORS_BY_KIND.string,
  enum: OPERATORS_BY_KIND.enum,
  number: OPERATORS_BY_KIND.number,
  boolean: OPERATORS_BY_KIND.boolean,
  timestamp: withoutLists(OPERATORS_BY_KIND.timestamp),
  date: withoutLists(OPERATORS_BY_KIND.date),
  list: OPERATORS_BY_KIND.list,
}

/** Values that are not in a field's pool (so they match nothing), for long lists. */
function noiseArb(spec: FieldSpec): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case 'string':
      return fc.string({ unit: 'grapheme', maxLength: 6 }).filter((v) => textProblem(v) === undefined)
    case 'number':
      return fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }))
    case 'timestamp':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString())
    case 'list':
      return fc.string({ maxLength: 6 }).filter((v) => textProblem(v) === undefined)
    default:
      return pick(spec.values)
  }
}

/** A list of up to the documented 1,000 values: pool values among noise, so it still matches some records. */
export const longListArb = (spec: FieldSpec): fc.Arbitrary<unknown[]> =>
  fc.array(fc.oneof({ weight: 1, arbitrary: pick(spec.values) }, { weight: 9, arbitrary: noiseArb(spec) }), {
    minLength: 100,
    maxLength: FILTER_LIMITS.maxListValues,
    size: 'max',
  })

/** Substrings for contains/startsWith, with LIKE wildcards and non-ASCII letters. */
export const SUBSTRINGS = ['a', 'A', 'd', 'é', '%', '_', "'", '\\', '', 'ber', 'BER', 'ü', '𝒜']

/**
 * Random conditions over the given fields, with operators valid for each field's kind. With `longLists`,
 * one `in` / `notIn` in ten holds 100 to 1,000 values.
 */
export const conditionArbFor = (
  fields: readonly FieldSpec[],
  { longLists = false }: { readonly longLists?: boolean } = {},
): fc.Arbitrary<FilterCondition> =>
  pick(fields).chain((spec) =>
    pick(OPS[spec.kind]).chain((op): fc.Arbitrary<FilterCondition> => {
      const value = pick(spec.values)
      switch (op) {
        case 'isSet':
        case 'isNotSet':
          return fc.constant({ field: spec.field, op } as FilterCondition)
        case 'in':
        case 'notIn': {
          const short = fc.subarray([...spec.values], {
            minLength: 0,
            maxLength: Math.min(3, spec.values.length),
          })
          const list = longLists
            ? fc.oneof({ weight: 9, arbitrary: short }, { weight: 1, arbitrary: longListArb(spec) })
            : short
          return list.map((v) => ({ field: spec.field, op, value: v }) as FilterCondition)
        }
        case 'between':
          return fc.tuple(value, value).map((v) => ({ field: spec.field, op, value: v }) as FilterCondition)
        case 'contains':
        case 'startsWith':
          return (spec.kind === 'string' ? fc.oneof(pick(SUBSTRINGS), value) : value).map(
            (v) => ({ field: spec.field, op, value: v }) as FilterCondition,
          )
        case 'inLastDays':
        case 'beforeDaysAgo':
          return pick([0, 1, 2, 3, 7, 30, 365, 3650]).map(
            (v) => ({ field: spec.field, op, value: v }) as FilterCondition,
          )
        default:
          return value.map((v) => ({ field: spec.field, op, value: v }) as FilterCondition)
      }
    }),
  )

/** Random conditions over the suite's contact fields. */
export const contactConditionArb = conditionArbFor(FIELDS)
const conditionArb = conditionArbFor(FIELDS, { longLists: true })

/** A random filter tree over the suite's contact fields, a few levels deep and narrow. */
const narrowFilterArb: fc.Arbitrary<Filter> = fc.letrec<{ node: Filter }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: conditionArb, weight: 5 },
    { arbitrary: fc.array(tie('node'), { maxLength: 3 }).map((and) => ({ and })), weight: 1 },
    { arbitrary: fc.array(tie('node'), { maxLength: 3 }).map((or) => ({ or })), weight: 1 },
    { arbitrary: tie('node').map((not) => ({ not })), weight: 1 },
  ),
})).node

// A child of a wide node: at most 4 nodes, so 450 of them stay within the 2,000-node limit.
const wideChildArb: fc.Arbitrary<Filter> = fc.oneof(
  { arbitrary: conditionArb, weight: 4 },
  { arbitrary: conditionArb.map((not) => ({ not })), weight: 1 },
  { arbitrary: fc.array(conditionArb, { minLength: 1, maxLength: 3 }).map((and) => ({ and })), weight: 1 },
)

/** A wide `and` / `or` of hundreds of children (SQLite once refused 1,000 of them). */
export const wideFilterArb: fc.Arbitrary<Filter> = fc
  .tuple(fc.boolean(), fc.array(wideChildArb, { minLength: 50, maxLength: 450, size: 'max' }))
  .map(([and, items]) => (and ? { and: items } : { or: items }))

/**
 * A random filter over the suite's contact fields: mostly small trees a few levels deep, sometimes a wide
 * node of hundreds of children; `in` / `notIn` lists sometimes hold hundreds of values, up to 1,000.
 */
export const filterArb: fc.Arbitrary<Filter> = fc.oneof(
  { arbitrary: narrowFilterArb, weight: 9 },
  { arbitrary: wideFilterArb, weight: 1 },
)

/** Sortable fields for random sorts. */
export const SORT_FIELDS = FIELDS.filter((f) => f.kind !== 'list').map((f) => f.field)
