import type { DatabaseImportResult } from './import-result'
import type { ValidationCost } from './import-validation-cost'

function pad(cells: readonly string[], widths: readonly number[], rightAligned: readonly boolean[]) {
  return cells
    .map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
    .join('  ')
    .trimEnd()
}

function table(header: readonly string[], rows: readonly string[][], rightAligned: readonly boolean[]) {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)))
  return [pad(header, widths, rightAligned), ...rows.map((row) => pad(row, widths, rightAligned))].join('\n')
}

const count = (value: number) => Math.round(value).toLocaleString('en-US')
const ms = (value: number) => value.toFixed(0)
const share = (part: number, whole: number) => `${((part / whole) * 100).toFixed(0)}%`

/** The comparison table: rows/s, median, Rapport's rate over each raw rate, and the goals. */
export function formatImportTable(rows: number, results: readonly DatabaseImportResult[]): string {
  const lines: string[][] = []
  for (const result of results) {
    const rapportMs = result.rapport.timing.medianMs
    lines.push([
      result.database,
      result.rapport.label,
      count((rows / rapportMs) * 1000),
      ms(rapportMs),
      '',
      '',
    ])
    for (const baseline of result.baselines) {
      const ratio = baseline.timing.medianMs / rapportMs
      const goal =
        baseline.goal === undefined
          ? 'none (the fastest raw way, for honesty)'
          : `>= ${baseline.goal.toFixed(2)}x ${ratio >= baseline.goal ? 'MET' : 'MISSED'}`
      lines.push([
        result.database,
        `raw ${baseline.label}`,
        count((rows / baseline.timing.medianMs) * 1000),
        ms(baseline.timing.medianMs),
        `${ratio.toFixed(2)}x`,
        goal,
      ])
    }
  }
  const header = ['database', 'import path', 'rows/s', 'median ms', 'Rapport/raw', 'goal']
  const numeric = header.map(
    (title) => title === 'rows/s' || title === 'median ms' || title === 'Rapport/raw',
  )
  return table(header, lines, numeric)
}

/** Every timed run, so a noisy median shows itself. */
export function formatRuns(results: readonly DatabaseImportResult[]): string {
  const lines: string[] = []
  for (const result of results) {
    const paths = new Map([result.rapport, ...result.baselines, result.statements].map((p) => [p.label, p]))
    for (const path of paths.values()) {
      lines.push(`  ${result.database} ${path.label}: ${path.timing.runsMs.map(ms).join(', ')} ms`)
    }
  }
  return lines.join('\n')
}

/**
 * Splits Rapport's median import into validation (timed apart with the same schemas), the insert
 * statements (timed apart, as Rapport issues them) and what is left.
 */
export function formatBreakdown(
  results: readonly DatabaseImportResult[],
  validation: ValidationCost,
): string {
  const standard = validation.standardFields.medianMs
  const custom = validation.customFields.medianMs
  const validating = standard + custom
  const lines = [
    `  validation alone, no database: contactCreateInput ${ms(standard)} + custom fields ${ms(custom)}` +
      ` = ${ms(validating)}`,
  ]
  for (const result of results) {
    const total = result.rapport.timing.medianMs
    const statements = result.statements.timing.medianMs
    const rest = total - validating - statements
    const parts = [
      `validation ${ms(validating)} (${share(validating, total)})`,
      `insert statements ${ms(statements)} (${share(statements, total)})`,
      `other ${ms(rest)} (${share(rest, total)})`,
    ]
    const gc = result.rapport.timing.gcMedianMs
    lines.push(
      `  ${result.database.padEnd(8)}  Rapport ${ms(total)} = ${parts.join(' + ')}`,
      `  ${''.padEnd(8)}  insert statements timed as: ${result.statements.label}`,
      `  ${''.padEnd(8)}  GC pauses inside Rapport's import: ${ms(gc)} (${share(gc, total)}), in the raw` +
        ` statements alone: ${ms(result.statements.timing.gcMedianMs)}`,
    )
  }
  lines.push(
    '  other = ids, building and encoding rows, the outbox event, the returned records, and the GC pauses',
    '          of a batch held in memory several times over (GC also slows validation in place)',
  )
  return lines.join('\n')
}
