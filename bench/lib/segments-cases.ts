import type { Filter } from '@rapport/core'
import { daysBeforeNow } from './segments-fixtures'

/** The tenant every benchmark row belongs to. */
export const BENCH_TENANT = 'bench'

/** Page size of the first-page queries. */
export const PAGE_SIZE = 50

/** "Spent at least this much in total" (paid purchases, minor units: 600.00 EUR). */
export const BIG_SPENDER_MINOR = 60_000

/** A statement with `?` placeholders and its values. */
export interface RawQuery {
  readonly text: string
  readonly values: readonly unknown[]
}

/** What differs between the two databases in hand-written SQL. */
export interface RawSqlFlavor {
  /** A table's name as the raw queries write it (schema-qualified on Postgres). */
  table(name: 'contacts' | 'purchases'): string
  /** How a developer reads `custom.tier` of the contact aliased `c`. */
  readonly tierOfContact: string
  /** The index a developer adds for filter (a), matching `tierOfContact`. */
  readonly countryTierIndex: string
}

/** One way to hand-write a segment's condition on the contact aliased `c`. */
export interface RawVariant {
  readonly label: string
  where(flavor: RawSqlFlavor): RawQuery
}

/** A segment the benchmark asks both ways. */
export interface SegmentCase {
  readonly key: string
  readonly title: string
  readonly filter: Filter
  /** Hand-written equivalents; the goal compares Rapport with the fastest. */
  readonly raw: readonly RawVariant[]
}

const PAID: Filter = { field: 'status', op: 'eq', value: 'paid' }

/** (a) a plain field and a custom field. */
export const countryAndTier: SegmentCase = {
  key: 'a',
  title: "country = 'DE' and custom.tier = 'gold'",
  filter: {
    and: [
      { field: 'country', op: 'eq', value: 'DE' },
      { field: 'custom.tier', op: 'eq', value: 'gold' },
    ],
  },
  raw: [
    {
      label: 'plain WHERE',
      where: (f) => ({ text: `c.country = ? and ${f.tierOfContact} = ?`, values: ['DE', 'gold'] }),
    },
  ],
}

/** (b) a related count with a condition and a time window. */
export const boughtTwiceRecently: SegmentCase = {
  key: 'b',
  title: 'in DE, >= 2 paid purchases in the last 90 days',
  filter: {
    and: [
      { field: 'country', op: 'eq', value: 'DE' },
      { related: 'purchases', where: PAID, withinDays: 90, having: { fn: 'count', op: 'gte', value: 2 } },
    ],
  },
  raw: [
    {
      label: 'correlated count(*)',
      where: (f) => ({
        text: `c.country = ? and (select count(*) from ${f.table('purchases')} p
          where p.tenant_id = c.tenant_id and p.contact_id = c.id
          and p.status = ? and p.occurred_at >= ?) >= 2`,
        values: ['DE', 'paid', daysBeforeNow(90)],
      }),
    },
    {
      label: 'IN (GROUP BY HAVING)',
      where: (f) => ({
        text: `c.country = ? and c.id in (select p.contact_id from ${f.table('purchases')} p
          where p.tenant_id = ? and p.status = ? and p.occurred_at >= ?
          group by p.contact_id having count(*) >= 2)`,
        values: ['DE', BENCH_TENANT, 'paid', daysBeforeNow(90)],
      }),
    },
  ],
}

/** (c) a related sum over all of a contact's purchases. */
export const bigSpenders: SegmentCase = {
  key: 'c',
  title: `paid purchases sum >= ${BIG_SPENDER_MINOR / 100} EUR`,
  filter: {
    related: 'purchases',
    where: PAID,
    having: { fn: 'sum', field: 'amountMinor', op: 'gte', value: BIG_SPENDER_MINOR },
  },
  raw: [
    {
      label: 'correlated sum()',
      where: (f) => ({
        text: `(select sum(p.amount_minor) from ${f.table('purchases')} p where p.tenant_id = c.tenant_id
          and p.contact_id = c.id and p.status = ?) >= ?`,
        values: ['paid', BIG_SPENDER_MINOR],
      }),
    },
    {
      label: 'IN (GROUP BY HAVING)',
      where: (f) => ({
        text: `c.id in (select p.contact_id from ${f.table('purchases')} p
          where p.tenant_id = ? and p.status = ? group by p.contact_id having sum(p.amount_minor) >= ?)`,
        values: [BENCH_TENANT, 'paid', BIG_SPENDER_MINOR],
      }),
    },
  ],
}

/**
 * (d) = (a) and (c): the related sum over the few contacts the composite index finds. Timed only with that
 * index, to show the other side of the correlated-vs-GROUP BY choice that (c) measures.
 */
export const goldBigSpendersInDe: SegmentCase = {
  key: 'd',
  title: '(a) and (c): gold contacts in DE whose paid purchases sum >= 600 EUR',
  filter: { and: [countryAndTier.filter, bigSpenders.filter] },
  raw: [
    {
      label: 'correlated sum()',
      where: (f) => {
        const [tier, spent] = [countryAndTier.raw[0]!.where(f), bigSpenders.raw[0]!.where(f)]
        return { text: `${tier.text} and ${spent.text}`, values: [...tier.values, ...spent.values] }
      },
    },
    {
      label: 'IN (GROUP BY HAVING)',
      where: (f) => {
        const [tier, spent] = [countryAndTier.raw[0]!.where(f), bigSpenders.raw[1]!.where(f)]
        return { text: `${tier.text} and ${spent.text}`, values: [...tier.values, ...spent.values] }
      },
    },
  ],
}

/** Every segment timed with the migration's indexes, in the order they are printed. */
export const SEGMENT_CASES: readonly SegmentCase[] = [countryAndTier, boughtTwiceRecently, bigSpenders]

/** The segments timed again after `crm.indexes.ensure` adds the country,tier index. */
export const INDEXED_CASES: readonly SegmentCase[] = [countryAndTier, goldBigSpendersInDe]

// Rapport leaves archived contacts out of lists and counts; so does the developer.
function base(flavor: RawSqlFlavor, condition: RawQuery, select: string): RawQuery {
  return {
    text: `select ${select} from ${flavor.table('contacts')} c
      where c.tenant_id = ? and c.archived_at is null and ${condition.text}`,
    values: [BENCH_TENANT, ...condition.values],
  }
}

/** `count(*)` of the contacts a variant selects. */
export function rawCountQuery(flavor: RawSqlFlavor, variant: RawVariant): RawQuery {
  return base(flavor, variant.where(flavor), 'count(*) as n')
}

/** The first page in Rapport's default order (newest first, then id), as a developer writes it. */
export function rawFirstPageQuery(flavor: RawSqlFlavor, variant: RawVariant): RawQuery {
  const query = base(flavor, variant.where(flavor), 'c.*')
  return { text: `${query.text} order by c.created_at desc, c.id limit ${PAGE_SIZE}`, values: query.values }
}

/** `?` placeholders numbered for Postgres (`$1`, `$2`, ...); the raw queries use no other `?`. */
export function numberedPlaceholders(text: string): string {
  let n = 0
  return text.replace(/\?/g, () => `$${++n}`)
}
