import fc from 'fast-check'
import { ACTIVITY_TYPES } from '../domain/activity-types'
import { PURCHASE_STATUSES } from '../entities/purchase-entity'
import type { Filter } from '../filter/filter-types'
import { conditionArbFor, DATES, type FieldSpec, INSTANTS, TAGS } from './arbitraries'

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values)
const AMOUNTS = [0, 1, 500, 999, 1000, 2500, 10_000, 99_999]
const SALES_STAGES = ['qualification', 'needsAnalysis', 'proposal', 'negotiation', 'closedWon', 'closedLost']

/** A random purchase of a contact (the test fills in the contact). */
export const purchaseArb = fc.record({
  amountMinor: pick(AMOUNTS),
  currency: pick(['EUR', 'USD']),
  status: pick(PURCHASE_STATUSES),
  occurredAt: pick(INSTANTS),
  skus: fc.subarray(TAGS, { maxLength: 2 }),
})

/** A random deal of a contact in the default sales pipeline. */
export const dealArb = fc.record({
  amountMinor: fc.option(pick(AMOUNTS), { nil: null }),
  stage: pick(SALES_STAGES),
  closeDate: fc.option(pick(DATES), { nil: null }),
})

/** A random activity of a contact. */
export const activityArb = fc.record({
  type: pick(ACTIVITY_TYPES),
  occurredAt: pick(INSTANTS),
  durationMinutes: fc.option(pick([0, 5, 30, 90]), { nil: null }),
})

const TARGET_FIELDS: Record<'purchases' | 'deals' | 'activities', readonly FieldSpec[]> = {
  purchases: [
    { field: 'status', kind: 'enum', values: PURCHASE_STATUSES },
    { field: 'amountMinor', kind: 'number', values: AMOUNTS },
    { field: 'currency', kind: 'string', values: ['EUR', 'USD'] },
    { field: 'occurredAt', kind: 'timestamp', values: INSTANTS },
    { field: 'skus', kind: 'list', values: TAGS },
  ],
  deals: [
    { field: 'stageKey', kind: 'string', values: SALES_STAGES },
    { field: 'amountMinor', kind: 'number', values: AMOUNTS },
    { field: 'isWon', kind: 'boolean', values: [true, false] },
    { field: 'closeDate', kind: 'date', values: DATES },
  ],
  activities: [
    { field: 'type', kind: 'enum', values: ACTIVITY_TYPES },
    { field: 'occurredAt', kind: 'timestamp', values: INSTANTS },
    { field: 'durationMinutes', kind: 'number', values: [0, 5, 30, 90] },
    { field: 'done', kind: 'boolean', values: [true, false] },
  ],
}

const AGGREGATED: Record<
  'purchases' | 'deals' | 'activities',
  { sum: string[]; ordered: { field: string; values: readonly unknown[] }[] }
> = {
  purchases: {
    sum: ['amountMinor', 'quantity'],
    ordered: [
      { field: 'amountMinor', values: AMOUNTS },
      { field: 'occurredAt', values: INSTANTS },
    ],
  },
  deals: {
    sum: ['amountMinor', 'expectedRevenueMinor'],
    ordered: [
      { field: 'amountMinor', values: AMOUNTS },
      { field: 'closeDate', values: DATES },
    ],
  },
  activities: {
    sum: ['durationMinutes'],
    ordered: [
      { field: 'occurredAt', values: INSTANTS },
      { field: 'durationMinutes', values: [0, 5, 30, 90] },
    ],
  },
}

const OPS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte'] as const

const havingArb = (relation: 'purchases' | 'deals' | 'activities') =>
  fc.oneof(
    fc.record({ fn: fc.constant('count' as const), op: pick(OPS), value: pick([0, 1, 2, 3]) }),
    fc.record({
      fn: fc.constant('sum' as const),
      field: pick(AGGREGATED[relation].sum),
      op: pick(OPS),
      value: pick([0, 500, 1000, 5000, 20_000]),
    }),
    pick(AGGREGATED[relation].ordered).chain((spec) =>
      fc.record({
        fn: pick(['min', 'max'] as const),
        field: fc.constant(spec.field),
        op: pick(OPS),
        value: pick(spec.values as readonly (string | number)[]),
      }),
    ),
  )

/** A random related-record condition (over purchases, deals or activities), possibly with where/within/having. */
export const relatedConditionArb: fc.Arbitrary<Filter> = pick([
  'purchases',
  'deals',
  'activities',
] as const).chain((related) =>
  fc
    .record(
      {
        where: fc.oneof(
          conditionArbFor(TARGET_FIELDS[related]),
          fc
            .array(conditionArbFor(TARGET_FIELDS[related]), { minLength: 1, maxLength: 2 })
            .map((or) => ({ or })),
        ),
        withinDays: pick([0, 1, 7, 30, 365]),
        having: havingArb(related),
      },
      { requiredKeys: [] },
    )
    .map((parts) => ({ related, ...parts }) as Filter),
)

/** Random filters mixing contact conditions and related-record conditions. */
export const filterWithRelatedArb = (contactConditions: fc.Arbitrary<Filter>): fc.Arbitrary<Filter> =>
  fc.letrec<{ node: Filter }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { arbitrary: relatedConditionArb, weight: 4 },
      { arbitrary: contactConditions, weight: 2 },
      { arbitrary: fc.array(tie('node'), { maxLength: 3 }).map((and) => ({ and })), weight: 1 },
      { arbitrary: fc.array(tie('node'), { maxLength: 3 }).map((or) => ({ or })), weight: 1 },
      { arbitrary: tie('node').map((not) => ({ not })), weight: 1 },
    ),
  })).node
