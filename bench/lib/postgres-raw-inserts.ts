import type pg from 'pg'

/** Rows per multi-row statement, as in Rapport's own Postgres bulk insert. */
export const CHUNK_ROWS = 5000

function placeholders(count: number, cast: (index: number) => string = () => ''): string {
  return Array.from({ length: count }, (_, i) => `$${i + 1}${cast(i)}`).join(', ')
}

async function inTransaction(client: pg.PoolClient, work: () => Promise<void>) {
  await client.query('begin')
  try {
    await work()
    await client.query('commit')
  } catch (error) {
    await client.query('rollback')
    throw error
  }
}

/** The baseline: one named (so server-side prepared) INSERT per row, all in one transaction. */
export function preparedInsertPerRow(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): () => Promise<void> {
  const text = `insert into ${table} (${columns.join(', ')}) values (${placeholders(columns.length)})`
  return () =>
    inTransaction(client, async () => {
      for (const row of rows) {
        await client.query({ name: 'bench_raw_contact_insert', text, values: row })
      }
    })
}

/** Column types of a table, for casting the unnest arrays. */
async function columnTypes(client: pg.PoolClient, table: string): Promise<Map<string, string>> {
  const result = await client.query<{ name: string; type: string }>(
    `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
     where attrelid = $1::regclass and attnum > 0 and not attisdropped`,
    [table],
  )
  return new Map(result.rows.map((row) => [row.name, row.type]))
}

/**
 * The fastest raw way short of COPY: one multi-row INSERT per chunk. VALUES lists would need 25
 * parameters a row, past Postgres' 65,535 at 5000 rows; one typed array per column through unnest carries
 * any number of rows in 25 parameters.
 */
export async function unnestInsertPerChunk(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<() => Promise<void>> {
  const types = await columnTypes(client, table)
  const arrays = placeholders(columns.length, (i) => `::${types.get(columns[i]!)}[]`)
  const text = `insert into ${table} (${columns.join(', ')}) select * from unnest(${arrays})`
  return () =>
    inTransaction(client, async () => {
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        const values: unknown[][] = columns.map(() => [])
        for (const row of rows.slice(start, start + CHUNK_ROWS)) {
          for (let c = 0; c < values.length; c++) values[c]!.push(row[c])
        }
        await client.query(text, values)
      }
    })
}
