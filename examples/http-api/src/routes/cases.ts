import { CASE_STATUSES, inputSchemas } from '@rapport/core'
import { Hono } from 'hono'
import { z } from 'zod'
import type { ApiEnv } from '../api-env'
import { caseSla } from '../case-sla'
import { bodyOf, expectedVersionOf, listOptionsOf, optionalVersionOf } from '../request-input'

/** A status change names the status and, optionally, the version the client read. */
const caseStatusBody = z
  .object({ status: z.enum(CASE_STATUSES), expectedVersion: z.number().int().min(1).optional() })
  .strict()

/**
 * Cases: list (filter language in `?filter=`), open, read, update, reply (`/messages`), status moves, and
 * the case's SLA clocks as they stand now (`/sla`).
 */
export const caseRoutes = new Hono<ApiEnv>()
  .get('/', async (c) => c.json(await c.var.tenant.cases.list(listOptionsOf(c))))
  .post('/', async (c) =>
    c.json(await c.var.tenant.cases.create(await bodyOf(c, inputSchemas.caseCreate)), 201),
  )
  .get('/:id', async (c) => c.json(await c.var.tenant.cases.get(c.req.param('id'))))
  .patch('/:id', async (c) => {
    const expectedVersion = expectedVersionOf(c)
    const patch = await bodyOf(c, inputSchemas.caseUpdate)
    return c.json(await c.var.tenant.cases.update(c.req.param('id'), patch, { expectedVersion }))
  })
  .get('/:id/messages', async (c) => c.json(await c.var.tenant.cases.messages(c.req.param('id'))))
  .post('/:id/messages', async (c) => {
    // An agent's public reply stops the first-response (and next-response) clock: Rapport does that.
    const expectedVersion = optionalVersionOf(c)
    const message = await bodyOf(c, inputSchemas.caseMessage)
    return c.json(await c.var.tenant.cases.addMessage(c.req.param('id'), message, { expectedVersion }), 201)
  })
  .post('/:id/status', async (c) => {
    const { status, ...options } = await bodyOf(c, caseStatusBody)
    return c.json(await c.var.tenant.cases.setStatus(c.req.param('id'), status, options))
  })
  .get('/:id/sla', async (c) => c.json(await caseSla(c.var.tenant, c.req.param('id'), c.var.clock.now())))
