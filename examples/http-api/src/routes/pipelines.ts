import type { Deal, FilterFieldsOf, TypedFilter } from '@rapport/core'
import { Hono } from 'hono'
import type { ApiEnv, ApiTenant } from '../api-env'
import { buildBoard } from '../board'

/** Pipelines: their definitions, and each one as a board with its weighted forecast. */
export const pipelineRoutes = new Hono<ApiEnv>()
  .get('/', async (c) => c.json(await c.var.tenant.pipelines.list()))
  .get('/:key', async (c) => c.json(await c.var.tenant.pipelines.get(c.req.param('key'))))
  .get('/:key/board', async (c) => {
    const tenant = c.var.tenant
    const pipeline = await tenant.pipelines.get(c.req.param('key'))
    const inPipeline: TypedFilter<FilterFieldsOf<Deal>> = {
      field: 'pipelineId',
      op: 'eq',
      value: pipeline.id,
    }
    const [deals, forecastRows] = await Promise.all([
      allDeals(tenant, inPipeline),
      tenant.deals.forecast({ period: 'month', filter: inPipeline }),
    ])
    return c.json(buildBoard(pipeline, deals, forecastRows))
  })

async function allDeals(tenant: ApiTenant, filter: TypedFilter<FilterFieldsOf<Deal>>): Promise<Deal[]> {
  const deals: Deal[] = []
  let cursor: string | null = null
  do {
    const page = await tenant.deals.list({
      filter,
      sort: { field: 'amountMinor', direction: 'desc' },
      limit: 1000,
      cursor,
    })
    deals.push(...page.items)
    cursor = page.nextCursor
  } while (cursor !== null)
  return deals
}
