import type { ContactCreateInput, PurchaseCreateInput } from '@rapport/core'
import type { z } from 'zod'
import { benchContactCustomFields } from './contact-fixtures'

/** The custom fields the benchmark app declares on contacts (`custom.tier`, `custom.seats`). */
export const segmentContactCustomFields = benchContactCustomFields

/** A contact as the benchmark app passes it to `createMany`. */
export type SegmentContactInput = ContactCreateInput<z.input<typeof segmentContactCustomFields>>

/**
 * The instant every query runs at. Fixed, so Rapport's relative windows and the hand-written cutoffs are
 * the same instant and both sides select the same purchases.
 */
export const BENCH_NOW = '2026-03-02T12:00:00.000Z'

const DAY_MS = 86_400_000

/** `BENCH_NOW` minus whole days, as the hand-written queries compute their cutoffs. */
export function daysBeforeNow(days: number): string {
  return new Date(Date.parse(BENCH_NOW) - days * DAY_MS).toISOString()
}

/** How far back purchases go. */
const PURCHASE_HISTORY_DAYS = 540

// Weighted like a European shop: many DE, fewer elsewhere.
const PLACES = [
  { country: 'DE', city: 'Berlin', weight: 0.2 },
  { country: 'FR', city: 'Lyon', weight: 0.15 },
  { country: 'GB', city: 'Leeds', weight: 0.15 },
  { country: 'US', city: 'Austin', weight: 0.25 },
  { country: 'NL', city: 'Utrecht', weight: 0.1 },
  { country: 'JP', city: 'Osaka', weight: 0.08 },
  { country: 'BR', city: 'Recife', weight: 0.07 },
] as const
// Gold is rare, a quarter of contacts have no tier at all.
const TIERS = [
  { tier: 'gold', weight: 0.08 },
  { tier: 'silver', weight: 0.22 },
  { tier: 'bronze', weight: 0.45 },
  { tier: undefined, weight: 0.25 },
] as const
// Most contacts buy little or nothing; a few buy often.
const PURCHASE_COUNTS = [
  { count: 0, weight: 0.3 },
  { count: 1, weight: 0.25 },
  { count: 2, weight: 0.17 },
  { count: 3, weight: 0.12 },
  { count: 4, weight: 0.09 },
  { count: 5, weight: 0.07 },
] as const
const STATUSES = [
  { status: 'paid', weight: 0.85 },
  { status: 'refunded', weight: 0.1 },
  { status: 'cancelled', weight: 0.05 },
] as const
const FIRST_NAMES = 'Ada Grace Linus Margaret Alan Barbara Dennis Frances Ken Radia Tim Hedy Edsger'.split(
  ' ',
)
const LAST_NAMES = 'Lovelace Hopper Torvalds Hamilton Turing Liskov Ritchie Allen Thompson Perlman'.split(' ')
const STAGES = ['subscriber', 'lead', 'customer', 'customer'] as const
const TAGS = ['vip', 'newsletter', 'trial', 'webinar-2025']
const SKUS = ['mug', 'tee', 'hoodie', 'cap', 'poster', 'sticker-pack', 'notebook', 'bottle']

/** A small seeded generator (mulberry32), so every run and both databases get the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function weighted<T extends { readonly weight: number }>(random: () => number, options: readonly T[]): T {
  let left = random()
  for (const option of options) {
    left -= option.weight
    if (left < 0) return option
  }
  return options[options.length - 1]!
}

/**
 * Contacts `first` to `first + count - 1`. Each chunk has its own seed, so chunks can be generated one at a
 * time (a million inputs at once would not fit comfortably in memory).
 */
export function makeSegmentContacts(first: number, count: number): SegmentContactInput[] {
  const random = seededRandom(0x5e6 + first)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const inputs: SegmentContactInput[] = []
  for (let i = first; i < first + count; i++) {
    const place = weighted(random, PLACES)
    const { tier } = weighted(random, TIERS)
    const firstName = pick(FIRST_NAMES)
    const lastName = pick(LAST_NAMES)
    inputs.push({
      firstName,
      lastName,
      email: `${firstName}.${lastName}.${i}@example.com`.toLowerCase(),
      country: place.country,
      city: place.city,
      lifecycleStage: pick(STAGES),
      tags: TAGS.filter(() => random() < 0.2),
      source: 'shop',
      custom:
        tier === undefined
          ? { seats: Math.floor(random() * 50) }
          : { tier, seats: Math.floor(random() * 50) },
    })
  }
  return inputs
}

/**
 * The purchases of some contacts: 0-5 each, 1-3 line items, amounts from a few euros to a few hundred,
 * mostly paid, spread over the last 540 days. `firstOrder` numbers the external order ids.
 */
export function makeSegmentPurchases(
  contactIds: readonly string[],
  seed: number,
  firstOrder: number,
): PurchaseCreateInput[] {
  const random = seededRandom(0x9a1d + seed)
  const purchases: PurchaseCreateInput[] = []
  for (const contactId of contactIds) {
    const { count } = weighted(random, PURCHASE_COUNTS)
    for (let n = 0; n < count; n++) {
      const lineItems = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
        sku: SKUS[Math.floor(random() * SKUS.length)]!,
        quantity: 1 + Math.floor(random() * 3),
        unitAmountMinor: 500 + Math.floor(random() * random() * 15_000),
      }))
      const amountMinor = lineItems.reduce((sum, line) => sum + line.quantity * line.unitAmountMinor, 0)
      // Whole seconds before now: never in the future, never on a window's exact edge by accident.
      const ageMs = Math.floor(random() * PURCHASE_HISTORY_DAYS * 86_400) * 1000 + 1000
      purchases.push({
        contactId,
        externalId: `ord-${firstOrder + purchases.length}`,
        amount: { amountMinor, currency: 'EUR' },
        status: weighted(random, STATUSES).status,
        occurredAt: new Date(Date.parse(BENCH_NOW) - ageMs).toISOString(),
        lineItems,
      })
    }
  }
  return purchases
}
