/** Prints rows as an aligned text table. */
export function table(rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '(none)'
  const headers = Object.keys(rows[0]!)
  const cells = rows.map((row) => headers.map((h) => format(row[h])))
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')
}

function format(value: unknown): string {
  if (value === null || value === undefined) return '-'
  if (Array.isArray(value)) return value.join(', ')
  return String(value)
}
