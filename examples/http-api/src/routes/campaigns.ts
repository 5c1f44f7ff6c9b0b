import { inputSchemas } from '@rapport/core'
import { Hono } from 'hono'
import { z } from 'zod'
import type { ApiEnv } from '../api-env'
import { idsParam, reportOptionsOf } from '../report-query'
import {
  bodyOf,
  booleanParam,
  expectedVersionOf,
  jsonOf,
  listOptionsOf,
  optionalVersionOf,
  validInput,
} from '../request-input'

/** Finishing names the end status and, optionally, the version the client read. */
const campaignFinishBody = z
  .object({
    status: z.enum(['completed', 'aborted']),
    expectedVersion: z.number().int().min(1).optional(),
  })
  .strict()

/**
 * Campaigns: plan (create, update), launch to the audience segment, record touches and costs, finish, and
 * measure: the ROI report (`/report`) and a side-by-side comparison (`/compare`) under one attribution model.
 */
export const campaignRoutes = new Hono<ApiEnv>()
  .get('/', async (c) => c.json(await c.var.tenant.campaigns.list(listOptionsOf(c))))
  .post('/', async (c) =>
    c.json(await c.var.tenant.campaigns.create(await bodyOf(c, inputSchemas.campaignCreate)), 201),
  )
  // Before `/:id`, which would otherwise take "report" and "compare" for campaign ids.
  .get('/report', async (c) => {
    // `?ids=` narrows the report to some campaigns (each still rolled up over its whole subtree).
    const ids = idsParam(c)
    const options = reportOptionsOf(c)
    return c.json(
      await c.var.tenant.campaigns.report(ids.length === 0 ? options : { ...options, campaignIds: ids }),
    )
  })
  .get('/compare', async (c) => c.json(await c.var.tenant.campaigns.compare(idsParam(c), reportOptionsOf(c))))
  .get('/:id', async (c) => c.json(await c.var.tenant.campaigns.get(c.req.param('id'))))
  .patch('/:id', async (c) => {
    const expectedVersion = expectedVersionOf(c)
    const patch = await bodyOf(c, inputSchemas.campaignUpdate)
    return c.json(await c.var.tenant.campaigns.update(c.req.param('id'), patch, { expectedVersion }))
  })
  .post('/:id/launch', async (c) => {
    // The answer counts the members created and everyone left out, by reason (unsubscribed, ...).
    const expectedVersion = optionalVersionOf(c)
    const requireOptIn = booleanParam(c, 'requireOptIn')
    return c.json(await c.var.tenant.campaigns.launch(c.req.param('id'), { expectedVersion, requireOptIn }))
  })
  .post('/:id/finish', async (c) => {
    const { status, ...options } = await bodyOf(c, campaignFinishBody)
    return c.json(await c.var.tenant.campaigns.finish(c.req.param('id'), status, options))
  })
  .get('/:id/members', async (c) => c.json(await c.var.tenant.campaigns.members(c.req.param('id'))))
  .get('/:id/touches', async (c) => c.json(await c.var.tenant.campaigns.touches(c.req.param('id'))))
  .post('/:id/touches', async (c) => {
    // The body is an array of touches, so it is validated as it is (bodyOf's shape is an object's).
    const touches = validInput(inputSchemas.campaignTouches, await jsonOf(c))
    return c.json(await c.var.tenant.campaigns.recordTouches(c.req.param('id'), touches), 201)
  })
  .get('/:id/costs', async (c) => c.json(await c.var.tenant.campaigns.costs(c.req.param('id'))))
  .post('/:id/costs', async (c) =>
    c.json(
      await c.var.tenant.campaigns.recordCost(c.req.param('id'), await bodyOf(c, inputSchemas.campaignCost)),
      201,
    ),
  )
