import type { Filter, Purchase } from '@rapport/core'
import { countryAndTier } from './segments-cases'
import { BENCH_NOW, daysBeforeNow } from './segments-fixtures'
import type { SegmentContact } from './segments-seed'

/** A contact with its purchases embedded, as sift and mingo (and the hand-written functions) read it. */
export type MemoryDoc = SegmentContact & { readonly purchases: readonly Purchase[] }

/** A MongoDB-style query, for sift and mingo. */
export type MongoQuery = Record<string, unknown>

/** One filter, said four ways. */
export interface MemoryCase {
  readonly key: string
  readonly title: string
  readonly filter: Filter
  /** What a developer writes by hand for this one question. */
  readonly handWritten: (doc: MemoryDoc) => boolean
  readonly mongo: MongoQuery
}

const RECENT_CUTOFF = daysBeforeNow(90)

/** (a) of the SQL half: a plain field and a custom field. */
const plainAndCustom: MemoryCase = {
  key: 'a',
  title: countryAndTier.title,
  filter: countryAndTier.filter,
  handWritten: (doc) => doc.country === 'DE' && doc.custom.tier === 'gold',
  mongo: { country: 'DE', 'custom.tier': 'gold' },
}

/** A list membership, a numeric custom field and a negated list test. */
const mixedConditions: MemoryCase = {
  key: 'm',
  title: 'lifecycle in (lead, customer), custom.seats >= 10, not tagged trial',
  filter: {
    and: [
      { field: 'lifecycleStage', op: 'in', value: ['lead', 'customer'] },
      { field: 'custom.seats', op: 'gte', value: 10 },
      { not: { field: 'tags', op: 'contains', value: 'trial' } },
    ],
  },
  handWritten: (doc) =>
    (doc.lifecycleStage === 'lead' || doc.lifecycleStage === 'customer') &&
    doc.custom.seats !== undefined &&
    doc.custom.seats >= 10 &&
    !doc.tags.includes('trial'),
  mongo: {
    lifecycleStage: { $in: ['lead', 'customer'] },
    'custom.seats': { $gte: 10 },
    tags: { $ne: 'trial' },
  },
}

/** A related-records filter: the purchases are the context (Rapport) or an embedded array (the others). */
const recentBuyer: MemoryCase = {
  key: 'r',
  title: 'in DE, a paid purchase in the last 90 days',
  filter: {
    and: [
      { field: 'country', op: 'eq', value: 'DE' },
      { related: 'purchases', where: { field: 'status', op: 'eq', value: 'paid' }, withinDays: 90 },
    ],
  },
  handWritten: (doc) => {
    if (doc.country !== 'DE') return false
    for (const purchase of doc.purchases) {
      const at = purchase.occurredAt
      if (purchase.status === 'paid' && at >= RECENT_CUTOFF && at <= BENCH_NOW) return true
    }
    return false
  },
  mongo: {
    country: 'DE',
    purchases: { $elemMatch: { status: 'paid', occurredAt: { $gte: RECENT_CUTOFF, $lte: BENCH_NOW } } },
  },
}

/** Every in-memory case, in the order they are printed. */
export const MEMORY_CASES: readonly MemoryCase[] = [plainAndCustom, mixedConditions, recentBuyer]
