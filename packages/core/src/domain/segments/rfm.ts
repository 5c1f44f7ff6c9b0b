import type { Filter } from '../../filter/filter-types'
import { compareCodePoints } from '../../kernel/text'

/** A customer's RFM figures before scoring. */
export interface RfmFigures {
  readonly contactId: string
  readonly lastPurchaseAt: string
  readonly frequency: number
  readonly monetaryMinor: number
}

/** RFM figures with their 1–5 scores. */
export interface RfmScored extends RfmFigures {
  readonly recencyScore: number
  readonly frequencyScore: number
  readonly monetaryScore: number
}

/**
 * SQL's `ntile(buckets)` over values sorted ascending with ties broken by key: the first `n mod buckets`
 * tiles get one more member. The pure twin of the ranks `aggregate` computes in the database.
 */
export function ntile<T>(
  items: readonly T[],
  buckets: number,
  value: (item: T) => number | string,
  key: (item: T) => string,
): Map<T, number> {
  const sorted = [...items].sort((a, b) => {
    const x = value(a)
    const y = value(b)
    if (x !== y) return typeof x === 'string' ? compareCodePoints(x, y as string) : x - (y as number)
    return compareCodePoints(key(a), key(b))
  })
  const out = new Map<T, number>()
  const size = Math.floor(sorted.length / buckets)
  const larger = sorted.length % buckets
  let index = 0
  for (let tile = 1; tile <= buckets; tile++) {
    const count = size + (tile <= larger ? 1 : 0)
    for (let i = 0; i < count; i++) out.set(sorted[index++]!, tile)
  }
  return out
}

/**
 * Scores customers 1–5 by quintile: recency by their last purchase (the most recent fifth scores 5),
 * frequency by number of paid purchases, monetary by amount spent. Ties fall into tiles by contact id,
 * as in SQL.
 */
export function scoreRfm(figures: readonly RfmFigures[]): RfmScored[] {
  const byId = (f: RfmFigures) => f.contactId
  const r = ntile(figures, 5, (f) => f.lastPurchaseAt, byId)
  const f = ntile(figures, 5, (x) => x.frequency, byId)
  const m = ntile(figures, 5, (x) => x.monetaryMinor, byId)
  return figures.map((x) => ({
    ...x,
    recencyScore: r.get(x)!,
    frequencyScore: f.get(x)!,
    monetaryScore: m.get(x)!,
  }))
}

const score = (
  field: 'recencyScore' | 'frequencyScore' | 'monetaryScore',
  op: 'eq' | 'gte' | 'lte',
  value: number,
): Filter => ({
  field: `rfm.${field}`,
  op,
  value,
})

/**
 * Named RFM groups as ready-made contact filters over the `rfm.*` fields (after `rfm.compute`). Groups may
 * overlap (every champion is also loyal); use them in segments, e.g.
 * `segments.create({ key: 'champions', name: 'Champions', type: 'dynamic', filter: RFM_GROUPS.champions })`.
 */
export const RFM_GROUPS = {
  /** Bought recently, buy often and spend the most. */
  champions: {
    and: [
      score('recencyScore', 'gte', 4),
      score('frequencyScore', 'gte', 4),
      score('monetaryScore', 'gte', 4),
    ],
  },
  /** Buy often and not long ago. */
  loyal: { and: [score('frequencyScore', 'gte', 4), score('recencyScore', 'gte', 3)] },
  /** Recent customers with a few purchases. */
  potentialLoyalists: {
    and: [
      score('recencyScore', 'gte', 4),
      score('frequencyScore', 'gte', 2),
      score('frequencyScore', 'lte', 3),
    ],
  },
  /** Bought very recently, once. */
  newCustomers: { and: [score('recencyScore', 'eq', 5), score('frequencyScore', 'eq', 1)] },
  /** Middling on both: worth a nudge. */
  needAttention: { and: [score('recencyScore', 'eq', 3), score('frequencyScore', 'eq', 3)] },
  /** Used to buy often, not lately. */
  atRisk: { and: [score('recencyScore', 'lte', 2), score('frequencyScore', 'gte', 3)] },
  /** Were among the best, now long gone. */
  cantLoseThem: {
    and: [
      score('recencyScore', 'eq', 1),
      score('frequencyScore', 'gte', 4),
      score('monetaryScore', 'gte', 4),
    ],
  },
  /** Bought little, long ago. */
  hibernating: { and: [score('recencyScore', 'eq', 2), score('frequencyScore', 'lte', 2)] },
  /** Bought once or twice, longest ago. */
  lost: { and: [score('recencyScore', 'eq', 1), score('frequencyScore', 'lte', 2)] },
} as const satisfies Record<string, Filter>

/** A name of {@link RFM_GROUPS}. */
export type RfmGroup = keyof typeof RFM_GROUPS
