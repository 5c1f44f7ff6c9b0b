import { ConfigError } from '@rapport/core'

const EXPECTED = 'postgres://user:password@host:5432/database (or postgresql://...)'
const PROTOCOLS = new Set(['postgres:', 'postgresql:'])

/**
 * Checks a connection string before a pool is opened on it, so a typo fails at `postgresAdapter(...)` with a
 * message that says what is wrong, instead of at the first query with ENOTFOUND. The string itself is never
 * echoed: it may hold a password.
 *
 * @throws ConfigError when it is not a string, is empty, is not a URL, or its scheme is not postgres(ql).
 */
export function checkConnectionString(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(
      `postgresAdapter: connectionString must be a non-empty URL string, like ${EXPECTED}; got ${
        typeof value === 'string' ? 'an empty string' : typeof value
      }`,
    )
  }
  let url: URL
  try {
    url = new URL(value)
  } catch (error) {
    throw new ConfigError(
      `postgresAdapter: connectionString is not a URL (${value.length} characters, not shown as it may hold a password); expected ${EXPECTED}`,
      { cause: error },
    )
  }
  if (!PROTOCOLS.has(url.protocol)) {
    throw new ConfigError(
      `postgresAdapter: connectionString has the scheme "${url.protocol}", not postgres: or postgresql:; expected ${EXPECTED}`,
    )
  }
  return value
}
