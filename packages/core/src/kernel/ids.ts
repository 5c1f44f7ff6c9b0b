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
 * The random part plus one, in base62; undefined when it is all `z` (the next id then starts afresh).
 */
function increment(random: string): string | undefined {
  const digits = random.split('')
  for (let i = digits.length - 1; i >= 0; i--) {
    const next = ALPHABET.indexOf(digits[i]!) + 1
    if (next < ALPHABET.length) {
      digits[i] = ALPHABET[next]!
      return digits.join('')
    }
    digits[i] = ALPHABET[0]!
  }
  return undefined
}

/**
 * A generator of time-ordered ids (see {@link nanoidGenerator}) that is also monotonic: within one
 * millisecond, or when the system clock steps back, each id is the previous one plus one, so ids made one
 * after another by this generator sort in the order they were made.
 */
export function monotonicIdGenerator(now: () => number = Date.now): IdGenerator {
  let lastMs = -1
  let lastRandom = ''
  return (prefix) => {
    const ms = Math.floor(now())
    const next = ms > lastMs ? undefined : increment(lastRandom)
    if (next === undefined) {
      lastMs = Math.max(ms, lastMs)
      lastRandom = randomPart()
    } else {
      lastRandom = next
    }
    return `${prefix}_${timePart(lastMs)}${lastRandom}`
  }
}

/**
 * The default generator: the prefix, an underscore, 8 characters of the creation time and 12 random
 * alphanumerics (about 71 bits) from nanoid, the random part counting up within a millisecond. Ids sort by
 * creation time, so new rows go to the end of primary-key indexes instead of a random page (fewer pages
 * written per commit on both SQLite and Postgres), and records created at the same clock reading keep the
 * order they were created in wherever Rapport breaks ties by id.
 */
export const nanoidGenerator: IdGenerator = monotonicIdGenerator()

/** A generator that counts up, for tests and examples that want readable, stable ids. */
export function sequentialIdGenerator(start = 1): IdGenerator {
  let next = start
  return (prefix) => `${prefix}_${String(next++).padStart(6, '0')}`
}
