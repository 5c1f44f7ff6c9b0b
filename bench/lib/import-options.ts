/** What `bench/import.ts` is asked to measure. */
export interface ImportBenchOptions {
  /** Contacts per import. */
  readonly rows: number
  /** Timed runs per measurement, after one untimed warm-up. */
  readonly runs: number
  readonly databases: readonly ('sqlite' | 'postgres')[]
}

const USAGE = 'usage: tsx bench/import.ts [--rows N] [--runs N] [--only sqlite|postgres]'

function positiveInteger(flag: string, text: string | undefined): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a positive integer\n${USAGE}`)
  return value
}

/** Reads `--rows N` (default 100000), `--runs N` (default 3, at least 3) and `--only sqlite|postgres`. */
export function parseImportBenchOptions(argv: readonly string[]): ImportBenchOptions {
  let rows = 100_000
  let runs = 3
  let databases: ImportBenchOptions['databases'] = ['sqlite', 'postgres']
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = argv[i + 1]
    i++
    if (flag === '--rows') rows = positiveInteger(flag, value)
    else if (flag === '--runs') runs = Math.max(3, positiveInteger(flag, value))
    else if (flag === '--only' && (value === 'sqlite' || value === 'postgres')) databases = [value]
    else throw new Error(`unknown or incomplete option ${String(flag)}\n${USAGE}`)
  }
  return { rows, runs, databases }
}
