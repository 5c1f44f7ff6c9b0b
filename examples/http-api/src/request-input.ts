import {
  type UncheckedFilter,
  type UncheckedListOptions,
  type UncheckedSort,
  uncheckedFilter,
  uncheckedSort,
} from '@rapport/core'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { z } from 'zod'

/** The tenant of a request, from the `x-tenant-id` header (the dashboard page sends it too). */
export function tenantOf(c: Context): string {
  const tenant = c.req.header('x-tenant-id')
  if (!tenant) throw new HTTPException(400, { message: 'Send the tenant in the x-tenant-id header' })
  return tenant
}

/** The JSON body as it came: 400 when it is not JSON. */
export async function jsonOf(c: Context): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    throw new HTTPException(400, { message: 'The body must be JSON' })
  }
}

/**
 * `input` checked with one of Rapport's own input schemas (a body, or query parameters gathered into an
 * object): 422 with the zod issues when it does not fit, the same answer Rapport's ValidationError gets.
 */
export function validInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input)
  if (!parsed.success) {
    throw new HTTPException(422, {
      res: Response.json(
        { code: 'validation', message: 'Invalid input', issues: parsed.error.issues },
        { status: 422 },
      ),
    })
  }
  return parsed.data
}

/**
 * The JSON body, validated with one of Rapport's own input schemas: 400 for bad JSON, 422 for bad input.
 * `custom` drops out of the type: those schemas see it as `unknown`, and only Rapport can check it against
 * the app's custom field schemas (it does, and answers a ValidationError, also a 422).
 */
export async function bodyOf<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<Omit<z.output<S>, 'custom'>> {
  return validInput(schema, await jsonOf(c)) as Omit<z.output<S>, 'custom'>
}

/** A JSON-encoded query parameter (a filter, a sort). */
export function jsonParam(c: Context, name: string): unknown {
  const raw = c.req.query(name)
  if (raw === undefined) return undefined
  try {
    return JSON.parse(raw)
  } catch {
    throw new HTTPException(400, { message: `Query parameter ${name} must be JSON` })
  }
}

/**
 * A filter in the `filter` query parameter. Its shape is checked by Rapport, which answers a bad filter
 * with a ValidationError naming the field or operator, so the cast only hands the JSON over.
 */
export function filterParam(c: Context): UncheckedFilter | undefined {
  const filter = jsonParam(c, 'filter')
  return filter === undefined ? undefined : uncheckedFilter(filter)
}

/** `?sort=` (one key or a list of keys, as JSON); checked by `list` when it runs. */
function sortParam(c: Context): UncheckedSort | readonly UncheckedSort[] | undefined {
  const sort = jsonParam(c, 'sort')
  return sort === undefined ? undefined : uncheckedSort(sort)
}

/** A whole-number query parameter at or above `min`. */
export function intParam(c: Context, name: string, min = 0): number | undefined {
  const raw = c.req.query(name)
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) {
    throw new HTTPException(400, { message: `${name} must be a whole number of at least ${min}` })
  }
  return value
}

/** A `true` / `false` query parameter; absent is undefined. */
export function booleanParam(c: Context, name: string): boolean | undefined {
  const raw = c.req.query(name)
  if (raw === undefined) return undefined
  if (raw !== 'true' && raw !== 'false')
    throw new HTTPException(400, { message: `${name} must be true or false` })
  return raw === 'true'
}

/** `?filter=&sort=&limit=&cursor=` as list options. */
export function listOptionsOf(c: Context): UncheckedListOptions {
  return {
    filter: filterParam(c),
    sort: sortParam(c),
    limit: intParam(c, 'limit', 1),
    cursor: c.req.query('cursor'),
  }
}

/**
 * The version the client read, from `If-Match` (as ETags carry it: `"3"`). Updates require it, so two
 * people editing the same record never overwrite each other silently (428 when it is missing).
 */
export function expectedVersionOf(c: Context): number {
  const raw = c.req.header('if-match')
  if (raw === undefined) {
    throw new HTTPException(428, { message: 'Send the version you read in If-Match, e.g. If-Match: "3"' })
  }
  const value = Number(raw.replace(/^W\//, '').replaceAll('"', ''))
  if (!Number.isInteger(value) || value < 1)
    throw new HTTPException(400, { message: 'If-Match must be a version' })
  return value
}

/** The same as {@link expectedVersionOf}, but optional: commands that may name the version read. */
export function optionalVersionOf(c: Context): number | undefined {
  return c.req.header('if-match') === undefined ? undefined : expectedVersionOf(c)
}
