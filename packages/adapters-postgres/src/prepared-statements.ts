import { createHash } from 'node:crypto'
import type { PostgresPool, PostgresPoolClient } from 'kysely'
import pg from 'pg'

/** Most distinct statements one pool names; past it, new texts run unnamed (parsed each time). */
const MAX_NAMED = 512

/**
 * Wraps a pg pool so that repeated statements run as named prepared statements: Postgres parses and plans
 * each one once per connection instead of on every call, as an app's hand-written `{ name, text }` queries
 * do. Only real pg clients are wrapped (anything else, such as a test double, passes through), and only the
 * first 512 distinct texts are named, so the variety of filter SQL cannot grow the server's memory.
 */
export function preparingPool(pool: PostgresPool): PostgresPool {
  const names = new Map<string, string>()
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text)
    if (name === undefined && names.size < MAX_NAMED) {
      name = `rapport_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`
      names.set(text, name)
    }
    return name
  }
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect()
      if (!(client instanceof pg.Client)) return client
      const query = client.query.bind(client) as (config: unknown, values?: unknown) => unknown
      return new Proxy(client, {
        get(target, property, receiver) {
          if (property !== 'query') return Reflect.get(target, property, receiver)
          return (text: unknown, values?: readonly unknown[]) => {
            const name = typeof text === 'string' && values && values.length > 0 ? nameOf(text) : undefined
            return name ? query({ name, text, values }) : query(text, values)
          }
        },
      }) as unknown as PostgresPoolClient
    },
    end: () => pool.end(),
  }
}
