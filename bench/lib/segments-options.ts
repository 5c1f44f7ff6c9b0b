/** Which parts of `bench/segments.ts` run. */
export type SegmentsPart = 'sqlite' | 'postgres' | 'memory'

/** What `bench/segments.ts` is asked to measure. */
export interface SegmentsBenchOptions {
  /** Contacts seeded into each database. */
  readonly contacts: number
  /** Contact records the in-memory matchers test. */
  readonly memoryContacts: number
  /** Timed rounds per SQL measurement, after the untimed warm-up (memory: at least 10). */
  readonly runs: number
  readonly parts: readonly SegmentsPart[]
}

const USAGE =
  'usage: tsx bench/segments.ts [--contacts N] [--memory-contacts N] [--runs N] ' +
  '[--only sqlite|postgres|memory]'
const PARTS: readonly SegmentsPart[] = ['sqlite', 'postgres', 'memory']

function positiveInteger(flag: string, text: string | undefined): number {
  const value = Number(text?.replace(/_/g, ''))
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a positive integer\n${USAGE}`)
  return value
}

/**
 * Reads `--contacts N` (default 1,000,000), `--memory-contacts N` (default 100,000), `--runs N` (default 5)
 * and `--only sqlite|postgres|memory` (repeatable).
 */
export function parseSegmentsOptions(argv: readonly string[]): SegmentsBenchOptions {
  let contacts = 1_000_000
  let memoryContacts = 100_000
  let runs = 5
  const only: SegmentsPart[] = []
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]
    const value = argv[i + 1]
    if (flag === '--contacts') contacts = positiveInteger(flag, value)
    else if (flag === '--memory-contacts') memoryContacts = positiveInteger(flag, value)
    else if (flag === '--runs') runs = positiveInteger(flag, value)
    else if (flag === '--only' && PARTS.includes(value as SegmentsPart)) only.push(value as SegmentsPart)
    else throw new Error(`unknown or incomplete option ${String(flag)}\n${USAGE}`)
  }
  return { contacts, memoryContacts, runs, parts: only.length > 0 ? only : PARTS }
}
