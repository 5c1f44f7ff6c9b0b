import { ConfigError, isRapportError } from '../errors/rapport-error'

/** How often, and how patiently, a command whose transaction lost a race is run again. */
export interface RetryPolicy {
  /**
   * Most times a command's transaction runs in all (the first run included); 1 turns retries off.
   * @default 5
   */
  readonly attempts: number
  /**
   * The first backoff's upper bound in milliseconds; each further retry doubles it. The actual wait is
   * drawn uniformly below the bound ("full jitter"), so workers that collided do not collide again in step.
   * @default 10
   */
  readonly baseDelayMs: number
}

/** Five runs with 10, 20, 40, 80 ms backoff bounds: a command gives up within about 150 ms of waiting. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseDelayMs: 10 }

/**
 * May running the whole command again succeed where this run failed? True for contention (`busy`: a
 * deadlock, a serialization failure, a locked SQLite file), for a row another transaction changed between
 * this command's read and its compare-and-set write (`conflict` with `details.reason` `changedSinceRead`),
 * and for a uniqueness conflict (`unique`): a command checks before it inserts, so a duplicate key means
 * another transaction inserted the same row since (two first calls seeding a tenant's default pipelines);
 * the next run sees that row and answers accordingly (or fails the same way, if the duplicate is the
 * caller's). A conflict with a version the caller named, or a timeout, is never retried here: running again
 * would fail the same way, or wait as long again.
 */
export function isRetryableRace(error: unknown): boolean {
  if (isRapportError(error, 'busy')) return true
  if (!isRapportError(error, 'conflict')) return false
  return error.details.reason === 'changedSinceRead' || error.details.reason === 'unique'
}

/** The wait before retry number `retry` (1 for the first retry): uniform in [0, base * 2^(retry-1)). */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  return Math.floor(random() * policy.baseDelayMs * 2 ** (retry - 1))
}

/** Most runs a command may be given, so a misconfiguration cannot turn contention into a hang. */
const MAX_ATTEMPTS = 20
/** Largest first backoff bound, in milliseconds. */
const MAX_BASE_DELAY_MS = 10_000

/**
 * The retry policy `createCrm` configured, defaults filled in.
 * @throws ConfigError when `attempts` is not a whole number from 1 to 20 or `baseDelayMs` not one from 0 to
 * 10,000.
 */
export function resolveRetryPolicy(
  options: { readonly attempts?: unknown; readonly baseDelayMs?: unknown } | undefined,
): RetryPolicy {
  if (options === undefined) return DEFAULT_RETRY_POLICY
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError('createCrm: retry must be an object like { attempts: 5, baseDelayMs: 10 }')
  }
  const whole = (name: string, value: unknown, min: number, max: number, fallback: number): number => {
    if (value === undefined) return fallback
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ConfigError(
        `createCrm: retry.${name} must be a whole number from ${min} to ${max}; got ${String(value)}`,
      )
    }
    return value
  }
  return {
    attempts: whole('attempts', options.attempts, 1, MAX_ATTEMPTS, DEFAULT_RETRY_POLICY.attempts),
    baseDelayMs: whole(
      'baseDelayMs',
      options.baseDelayMs,
      0,
      MAX_BASE_DELAY_MS,
      DEFAULT_RETRY_POLICY.baseDelayMs,
    ),
  }
}
