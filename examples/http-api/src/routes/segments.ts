import { inputSchemas } from '@rapport/core'
import { Hono } from 'hono'
import type { ApiEnv } from '../api-env'
import { bodyOf, intParam } from '../request-input'

/** Segments: define one, count it, page through its members. */
export const segmentRoutes = new Hono<ApiEnv>()
  .get('/', async (c) => c.json(await c.var.tenant.segments.list()))
  .post('/', async (c) =>
    c.json(await c.var.tenant.segments.create(await bodyOf(c, inputSchemas.segmentCreate)), 201),
  )
  .get('/:key', async (c) => c.json(await c.var.tenant.segments.get(c.req.param('key'))))
  .get('/:key/count', async (c) => c.json({ count: await c.var.tenant.segments.count(c.req.param('key')) }))
  .get('/:key/members', async (c) =>
    c.json(
      await c.var.tenant.segments.members(c.req.param('key'), {
        limit: intParam(c, 'limit', 1),
        cursor: c.req.query('cursor'),
      }),
    ),
  )
