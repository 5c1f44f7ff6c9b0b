import { customAlphabet } from 'nanoid'

/** The type prefix of every id Rapport generates, by record type. */
export const ID_PREFIXES = {
  contact: 'con',
  company: 'com',
  contactCompanyLink: 'ccl',
  activity: 'act',
  activityLink: 'acl',
  lifecycleChange: 'lcc',
  event: 'evt',
} as const

/** A record type that has an id prefix. */
export type IdKind = keyof typeof ID_PREFIXES

/**
 * Makes a new unique id for a record of the given prefix, e.g. `con_0Ud3kVbQ4fX9KpL2mZ7aYc`.
 * Replace it to get deterministic ids in tests.
 */
export type IdGenerator = (prefix: string) => string

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const randomPart = customAlphabet(ALPHABET, 12)

/** Milliseconds since the epoch as 8 base62 digits: sorts in time order until the year 8888. */
function timePart(ms: number): string {
  let out = ''
  let rest = Math.floor(ms)
  for (let i = 0; i < 8; i++) {
    out = ALPHABET[rest % 62] + out
    rest = Math.floor(rest / 62)
  }
  return out
}

/**
 * The default generator: the prefix, an underscore, 8 characters of the creation time and 12 random
 * alphanumerics (about 71 bits) from nanoid. Ids of one kind sort roughly by creation time, so new rows go
 * to the end of primary-key indexes instead of a random page: fewer pages written per commit on both
 * SQLite and Postgres.
 */
export const nanoidGenerator: IdGenerator = (prefix) => `${prefix}_${timePart(Date.now())}${randomPart()}`

/** A generator that counts up, for tests and examples that want readable, stable ids. */
export function sequentialIdGenerator(start = 1): IdGenerator {
  let next = start
  return (prefix) => `${prefix}_${String(next++).padStart(6, '0')}`
}
