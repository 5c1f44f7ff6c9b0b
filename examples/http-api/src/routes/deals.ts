import { inputSchemas } from '@rapport/core'
import { Hono } from 'hono'
import { z } from 'zod'
import type { ApiEnv } from '../api-env'
import { bodyOf, expectedVersionOf, listOptionsOf } from '../request-input'

/** A move names the target stage next to the move options Rapport takes (version, actor, reason). */
const dealMoveBody = inputSchemas.dealMove.extend({ stage: z.string().min(1).max(64) }).strict()

/** Deals: list, create, update, and the pipeline commands (move, won, lost, reopen) with their history. */
export const dealRoutes = new Hono<ApiEnv>()
  .get('/', async (c) => c.json(await c.var.tenant.deals.list(listOptionsOf(c))))
  .post('/', async (c) =>
    c.json(await c.var.tenant.deals.create(await bodyOf(c, inputSchemas.dealCreate)), 201),
  )
  .get('/:id', async (c) => c.json(await c.var.tenant.deals.get(c.req.param('id'))))
  .patch('/:id', async (c) => {
    const expectedVersion = expectedVersionOf(c)
    const patch = await bodyOf(c, inputSchemas.dealUpdate)
    return c.json(await c.var.tenant.deals.update(c.req.param('id'), patch, { expectedVersion }))
  })
  .post('/:id/move', async (c) => {
    const { stage, ...options } = await bodyOf(c, dealMoveBody)
    return c.json(await c.var.tenant.deals.move(c.req.param('id'), stage, options))
  })
  .post('/:id/won', async (c) =>
    c.json(await c.var.tenant.deals.markWon(c.req.param('id'), await bodyOf(c, inputSchemas.dealClose))),
  )
  .post('/:id/lost', async (c) =>
    c.json(await c.var.tenant.deals.markLost(c.req.param('id'), await bodyOf(c, inputSchemas.dealClose))),
  )
  .get('/:id/history', async (c) => c.json(await c.var.tenant.deals.history(c.req.param('id'))))
