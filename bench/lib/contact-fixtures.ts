import type { ContactCreateInput } from '@rapport/core'
import { z } from 'zod'

/** The custom fields the benchmark app declares on contacts. */
export const benchContactCustomFields = z.object({
  tier: z.enum(['gold', 'silver', 'bronze']).optional(),
  seats: z.number().int().min(0).optional(),
})

/** A contact as the benchmark app passes it to `createMany`. */
export type BenchContactInput = ContactCreateInput<z.input<typeof benchContactCustomFields>>

const FIRST_NAMES = `Ada Grace Linus Margaret Alan Barbara Dennis Frances Ken Radia
  Tim Hedy Edsger Sophie Jean Katherine Niklaus Lena Yukihiro Anders`.split(/\s+/)
const LAST_NAMES = `Lovelace Hopper Torvalds Hamilton Turing Liskov Ritchie Allen Thompson Perlman
  Berners-Lee Lamarr Dijkstra Wilson Bartik Johnson Wirth Müller Matsumoto Hejlsberg`.split(/\s+/)
const DOMAINS = ['example.com', 'acme.io', 'initech.de', 'globex.fr', 'umbrella.co.uk', 'hooli.com']
const PLACES = [
  { country: 'DE', city: 'Berlin', dial: '+49 30' },
  { country: 'FR', city: 'Lyon', dial: '+33 4' },
  { country: 'GB', city: 'Leeds', dial: '+44 113' },
  { country: 'US', city: 'Austin', dial: '+1 512' },
  { country: 'JP', city: 'Osaka', dial: '+81 6' },
  { country: 'BR', city: 'Recife', dial: '+55 81' },
]
const JOB_TITLES = ['CTO', 'Head of Sales', 'Office Manager', 'Buyer', 'Engineer', 'Founder', null]
const TAGS = ['vip', 'newsletter', 'trial', 'enterprise', 'churn-risk', 'webinar-2025']
const STAGES = ['subscriber', 'lead', 'marketingQualified', 'customer'] as const
const TIERS = ['gold', 'silver', 'bronze'] as const

// A fixed seed keeps every run (and both databases) importing the same contacts.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** `count` realistic, valid contacts: names, email, phone, place, tags, one email consent, custom fields. */
export function makeContactInputs(count: number): BenchContactInput[] {
  const random = seededRandom(20_251_122)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const inputs: BenchContactInput[] = []
  for (let i = 0; i < count; i++) {
    const firstName = pick(FIRST_NAMES)
    const lastName = pick(LAST_NAMES)
    const place = pick(PLACES)
    const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '')
    const tags = TAGS.filter(() => random() < 0.25)
    inputs.push({
      firstName,
      lastName,
      email: `${local}${i}@${pick(DOMAINS)}`,
      phone: `${place.dial} ${String(1_000_000 + Math.floor(random() * 8_999_999))}`,
      jobTitle: pick(JOB_TITLES),
      country: place.country,
      city: place.city,
      tags,
      lifecycleStage: pick(STAGES),
      source: 'csv-import',
      consent: {
        email: {
          status: 'subscribed',
          source: 'signup-form',
          legalBasis: 'consent',
          capturedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
        },
      },
      custom: { tier: pick(TIERS), seats: Math.floor(random() * 500) },
    })
  }
  return inputs
}
