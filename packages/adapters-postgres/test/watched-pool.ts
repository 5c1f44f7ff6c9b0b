import type { PostgresPool, PostgresPoolClient } from 'kysely'

/** A pool that counts the SQLSTATE codes of the statements that failed on it. */
export interface WatchedPool {
  readonly pool: PostgresPool
  /** How many failed statements had this SQLSTATE (e.g. `40P01`, a deadlock). */
  failures(code: string): number
  /** The texts of the statements sent so far, in order. */
  sent(): readonly string[]
}

/**
 * Wraps a pg pool so a test can see failures Rapport absorbed (a deadlock it retried never reaches the
 * caller). The clients are proxies, so they still count as pg clients for the adapter.
 */
export function watchedPool(pool: PostgresPool): WatchedPool {
  const seen = new Map<string, number>()
  const texts: string[] = []
  const note = (error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code
    if (typeof code === 'string') seen.set(code, (seen.get(code) ?? 0) + 1)
  }
  return {
    failures: (code) => seen.get(code) ?? 0,
    sent: () => texts,
    pool: {
      async connect(): Promise<PostgresPoolClient> {
        const client = await pool.connect()
        const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>
        return new Proxy(client, {
          get(target, property, receiver) {
            if (property !== 'query') return Reflect.get(target, property, receiver)
            return (...args: unknown[]) => {
              if (typeof args[0] === 'string') texts.push(args[0])
              return query(...args).catch((error: unknown) => {
                note(error)
                throw error
              })
            }
          },
        })
      },
      end: () => pool.end(),
    },
  }
}
