// The fields Node's network errors and SQL drivers put on their errors; read structurally, so core depends
// on no driver.
interface DriverErrorFields {
  readonly code?: unknown
  readonly address?: unknown
  readonly port?: unknown
  readonly hostname?: unknown
  readonly message?: unknown
  readonly errors?: unknown
}

const NETWORK_PROBLEMS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
}

// SQLSTATE codes (standard classes 08, 28, 3D; 53300 and 57P03 are Postgres') a server answers a connection
// attempt with.
const SERVER_PROBLEMS: Readonly<Record<string, string>> = {
  '28P01': 'check the user name and password in the connection settings',
  '28000': 'check the user name in the connection settings, and that the server lets that user in',
  '3D000': 'create that database, or fix the database name in the connection settings',
  '53300': 'the server has no free connection slot: lower the pool size or raise max_connections',
  '57P03': 'the server is starting up or shutting down: try again when it is ready',
}

function fieldsOf(error: unknown): DriverErrorFields | undefined {
  return typeof error === 'object' && error !== null ? (error as DriverErrorFields) : undefined
}

function where(fields: DriverErrorFields): string | undefined {
  if (typeof fields.address === 'string') {
    return fields.port === undefined ? fields.address : `${fields.address}:${String(fields.port)}`
  }
  return undefined
}

/**
 * Says in words what stopped Rapport from talking to the database, and how to fix it, when `error` (or an
 * error in its `cause` chain or among its `errors`) is a connection failure: a refused, timed-out or reset
 * connection, an unknown host, or a server refusing the login or the database. Undefined for any other error.
 *
 * @example
 * ```ts
 * describeConnectionFailure(econnrefused)
 * // 'connection refused at 127.0.0.1:5999: is the database server running, and listening on that host and port?
 * //  Check the host and port in the connection settings'
 * ```
 */
export function describeConnectionFailure(error: unknown): string | undefined {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (current !== undefined && !seen.has(current)) {
    seen.add(current)
    const fields = fieldsOf(current)
    if (!fields) return undefined
    const code = typeof fields.code === 'string' ? fields.code : undefined
    if (code && code in NETWORK_PROBLEMS) {
      // Node reports each address it tried of a host name with several (IPv6 and IPv4) in `errors`.
      const inner = Array.isArray(fields.errors) ? fields.errors.map(fieldsOf) : []
      const places = [fields, ...inner].flatMap((f) => (f ? (where(f) ?? []) : []))
      const at = places.length > 0 ? ` at ${[...new Set(places)].join(', ')}` : ''
      return `${NETWORK_PROBLEMS[code]}${at} (${code}): is the database server running, and listening on that host and port? Check the host and port in the connection settings`
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      const host = typeof fields.hostname === 'string' ? ` ${fields.hostname}` : ''
      return `the database host${host} was not found (${code}): check the host name in the connection settings`
    }
    if (code && code in SERVER_PROBLEMS) {
      const message = typeof fields.message === 'string' ? fields.message : code
      return `the server refused the connection: ${message} (${code}): ${SERVER_PROBLEMS[code]}`
    }
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}
