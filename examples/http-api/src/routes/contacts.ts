import { inputSchemas } from '@rapport/core'
import { Hono } from 'hono'
import type { ApiEnv } from '../api-env'
import { bodyOf, expectedVersionOf, filterParam, listOptionsOf } from '../request-input'

/** Contacts: list and count (filter language in `?filter=`), create, read, update, timeline. */
export const contactRoutes = new Hono<ApiEnv>()
  .get('/', async (c) => c.json(await c.var.tenant.contacts.list(listOptionsOf(c))))
  .get('/count', async (c) =>
    c.json({ count: await c.var.tenant.contacts.count({ filter: filterParam(c) }) }),
  )
  .post('/', async (c) =>
    c.json(await c.var.tenant.contacts.create(await bodyOf(c, inputSchemas.contactCreate)), 201),
  )
  .get('/:id', async (c) => c.json(await c.var.tenant.contacts.get(c.req.param('id'))))
  .patch('/:id', async (c) => {
    const expectedVersion = expectedVersionOf(c)
    const patch = await bodyOf(c, inputSchemas.contactUpdate)
    return c.json(await c.var.tenant.contacts.update(c.req.param('id'), patch, { expectedVersion }))
  })
  .get('/:id/timeline', async (c) => c.json(await c.var.tenant.contacts.timeline(c.req.param('id'))))
