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
