/**
 * Lower-cases A–Z only. Rapport's case-insensitive operators fold ASCII letters and compare every other
 * character exactly, because that is the one folding SQLite, Postgres (in any locale) and JavaScript agree on.
 */
export function asciiLower(value: string): string {
  let out = ''
  let start = 0
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c >= 65 && c <= 90) {
      out += value.slice(start, i) + String.fromCharCode(c + 32)
      start = i + 1
    }
  }
  return start === 0 ? value : out + value.slice(start)
}

/**
 * Compares two strings by Unicode code point, the order of SQLite's BINARY collation and Postgres'
 * `COLLATE "C"` on UTF-8. JavaScript's `<` compares UTF-16 units, which differs for characters above U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return codePointRank(x) - codePointRank(y)
  }
  return a.length - b.length
}

// Surrogates (U+D800–U+DFFF) encode code points above U+FFFF, so they must rank after U+E000–U+FFFF.
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point of this pattern
const SUSPECT = /[\u0000\uD800-\uDFFF]/

/**
 * Says what makes `value` unfit for storage, or `undefined` when it is fine. Postgres refuses NUL
 * (U+0000) in text and jsonb and refuses unpaired UTF-16 surrogates, while SQLite silently stores
 * U+FFFD in their place: both would make a value different from what the caller passed, so every
 * text input (fields, custom fields, tags, ids, filter values, search text) is checked with this.
 *
 * @example
 * textProblem('a\u0000b') // 'Text must not contain the NUL character (U+0000)'
 * textProblem('😀') // undefined (a valid surrogate pair)
 */
export function textProblem(value: string): string | undefined {
  // One native scan for the common case: most text has neither NUL nor any surrogate at all.
  if (!SUSPECT.test(value)) return undefined
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c === 0) return 'Text must not contain the NUL character (U+0000)'
    if (c < 0xd800 || c > 0xdfff) continue
    if (c <= 0xdbff) {
      const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++
        continue
      }
    }
    return `Text must not contain an unpaired UTF-16 surrogate (U+${c.toString(16).toUpperCase()} at index ${i})`
  }
  return undefined
}

/** Where a text problem was found in a nested input, and what it is. */
export interface TextProblemAt {
  /** Keys and indexes from the input's root to the offending string (or object key). */
  readonly path: (string | number)[]
  readonly message: string
}

/**
 * Finds the first string (value or object key) in a nested input that {@link textProblem} refuses.
 * It walks arrays and plain objects only: class instances such as `Date` are left to the schema, and an
 * object met again on its own path (a cycle) is not walked twice.
 */
export function findTextProblem(input: unknown): TextProblemAt | undefined {
  return walkText(input, new Set())
}

// Validation runs this on every input, so the common case (nothing found) allocates no paths: the path is
// built on the way back out, only when something was found.
function walkText(value: unknown, onPath: Set<object>): TextProblemAt | undefined {
  if (typeof value === 'string') {
    const message = textProblem(value)
    return message === undefined ? undefined : { path: [], message }
  }
  if (value === null || typeof value !== 'object' || onPath.has(value)) return undefined
  if (Array.isArray(value)) {
    onPath.add(value)
    for (let i = 0; i < value.length; i++) {
      const found = walkText(value[i], onPath)
      if (found) {
        found.path.unshift(i)
        return found
      }
    }
    onPath.delete(value)
    return undefined
  }
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return undefined
  onPath.add(value)
  for (const key of Object.keys(value)) {
    const keyMessage = textProblem(key)
    if (keyMessage !== undefined) return { path: [key], message: `Key: ${keyMessage}` }
    const found = walkText((value as Record<string, unknown>)[key], onPath)
    if (found) {
      found.path.unshift(key)
      return found
    }
  }
  onPath.delete(value)
  return undefined
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point of this pattern
const UNPRINTABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * `value` with NUL and unpaired surrogates written as `\uXXXX` escapes, for error messages: a message that
 * carries the bad text would fail again wherever the app stores or logs it.
 */
export function printable(value: string): string {
  return value.replace(
    UNPRINTABLE,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  )
}
