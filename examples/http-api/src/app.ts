import { type Clock, systemClock } from '@rapport/core'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ApiCrm, ApiEnv } from './api-env'
import { dashboardPage, dashboardScripts } from './dashboard/page'
import { errorBody } from './http-errors'
import { tenantOf } from './request-input'
import { campaignRoutes } from './routes/campaigns'
import { caseRoutes } from './routes/cases'
import { contactRoutes } from './routes/contacts'
import { dealRoutes } from './routes/deals'
import { pipelineRoutes } from './routes/pipelines'
import { segmentRoutes } from './routes/segments'

/**
 * The HTTP API around one embedded CRM: every `/api` request names its tenant in `x-tenant-id` and only
 * ever reaches that tenant's data. `/` serves the dashboard page.
 *
 * @param options.clock The clock the CRM was created with, for the SLA timers' "now". @default the system clock
 */
export function createApp(crm: ApiCrm, options: { readonly clock?: Clock } = {}) {
  const clock = options.clock ?? systemClock
  const api = new Hono<ApiEnv>()
    .use(async (c, next) => {
      c.set('tenant', crm.tenant(tenantOf(c)))
      c.set('clock', clock)
      await next()
    })
    .route('/contacts', contactRoutes)
    .route('/deals', dealRoutes)
    .route('/cases', caseRoutes)
    .route('/campaigns', campaignRoutes)
    .route('/pipelines', pipelineRoutes)
    .route('/segments', segmentRoutes)

  return new Hono()
    .get('/', (c) => c.html(dashboardPage()))
    .get('/:script{[a-z-]+\\.js}', (c) => {
      const script = dashboardScripts[c.req.param('script')]
      if (script === undefined) return c.notFound()
      return c.body(script, 200, { 'content-type': 'text/javascript; charset=utf-8' })
    })
    .route('/api', api)
    .notFound((c) => c.json({ code: 'notFound', message: `No route ${c.req.method} ${c.req.path}` }, 404))
    .onError((error, c) => {
      if (error instanceof HTTPException) {
        if (error.res) return error.res
        return c.json({ code: 'badRequest', message: error.message }, error.status)
      }
      const { status, body } = errorBody(error)
      if (status === 500) console.error(error)
      return c.json(body, status)
    })
}
