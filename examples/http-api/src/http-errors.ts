import { isRapportError, type RapportErrorCode } from '@rapport/core'

/** The HTTP status of each Rapport error code. */
export const STATUS_OF: Record<RapportErrorCode, 400 | 404 | 409 | 422 | 500 | 503> = {
  validation: 422,
  transitionRefused: 422,
  notFound: 404,
  conflict: 409,
  invalidState: 409,
  config: 500,
  migration: 500,
  storage: 500,
  // Contention and timeouts pass: the client may send the same request again.
  busy: 503,
  timeout: 503,
}

/** A JSON error body: the stable code, the message, and the details or validation issues. */
export function errorBody(error: unknown): {
  status: 400 | 404 | 409 | 422 | 500 | 503
  body: Record<string, unknown>
} {
  if (isRapportError(error)) {
    const issues = 'issues' in error ? (error as { issues: unknown }).issues : undefined
    return {
      status: STATUS_OF[error.code],
      body: {
        code: error.code,
        message: error.message,
        details: error.details,
        ...(issues ? { issues } : {}),
      },
    }
  }
  return { status: 500, body: { code: 'internal', message: 'Internal error' } }
}
