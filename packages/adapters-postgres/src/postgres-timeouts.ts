import { ConfigError } from '@rapport/core'
import type { PostgresPool, PostgresPoolClient } from 'kysely'
import pg from 'pg'

/** The timeouts {@link withTransactionTimeouts} applies, in milliseconds (0 or undefined: none). */
export interface PostgresTimeouts {
  readonly statementTimeoutMs?: number | undefined
  readonly lockTimeoutMs?: number | undefined
}

/** Postgres stores these settings as a 32-bit count of milliseconds. */
const MAX_TIMEOUT_MS = 2_147_483_647

/** Checks one timeout option: a whole number of milliseconds, 0 meaning none. */
export function checkTimeout(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_TIMEOUT_MS) {
    throw new ConfigError(
      `postgresAdapter: ${name} must be a whole number of milliseconds from 0 (no timeout) to ${MAX_TIMEOUT_MS}; got ${String(value)}`,
    )
  }
  return value
}

/** The `set local` statements for the configured timeouts (none when no timeout is set). */
export function timeoutStatements(timeouts: PostgresTimeouts): string[] {
  const statements: string[] = []
  // Validated whole numbers, so they are safe to inline: `set` takes no bind parameters.
  if (timeouts.statementTimeoutMs)
    statements.push(`set local statement_timeout = ${timeouts.statementTimeoutMs}`)
  if (timeouts.lockTimeoutMs) statements.push(`set local lock_timeout = ${timeouts.lockTimeoutMs}`)
  return statements
}

const BEGIN = /^\s*begin\s*;?\s*$/i

/**
 * Wraps a pool so that every transaction Rapport begins sets its timeouts with `set local`: they last until
 * that transaction ends and never leak into the session, which matters when the pool is the app's. On a pg
 * client the settings travel with `begin` in one round trip (the simple query protocol runs several
 * statements); on other clients (PGlite, test doubles) they follow it as separate statements.
 */
export function withTransactionTimeouts(pool: PostgresPool, timeouts: PostgresTimeouts): PostgresPool {
  const statements = timeoutStatements(timeouts)
  if (statements.length === 0) return pool
  const combined = ['begin', ...statements].join('; ')
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect()
      const query = client.query.bind(client) as (text: unknown, values?: unknown) => Promise<unknown>
      const single = client instanceof pg.Client
      return new Proxy(client, {
        get(target, property, receiver) {
          if (property !== 'query') return Reflect.get(target, property, receiver)
          return async (text: unknown, values?: readonly unknown[]) => {
            if (typeof text !== 'string' || !BEGIN.test(text) || (values && values.length > 0)) {
              return query(text, values)
            }
            if (single) {
              const results = (await query(combined)) as unknown[]
              return results[0]
            }
            const begun = await query(text, values)
            for (const statement of statements) await query(statement, [])
            return begun
          }
        },
      })
    },
    end: () => pool.end(),
  }
}
