import { existsSync, mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { createCrm } from '@rapport/core'
import { sqliteAdapter } from '@rapport/sqlite'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ApiCrm } from '../src/api-env'
import { createApp } from '../src/app'
import { seedDemoTenant } from '../src/demo-data'

// Debian's Chromium, never a downloaded one. `.ci/run` installs it with apt-get.
const CHROMIUM = process.env.RAPPORT_CHROMIUM ?? '/usr/bin/chromium'
const OUTPUT = new URL('../test-output/', import.meta.url)
// A laptop without Chromium skips this one test and says so; CI (CI=true) never skips it.
const browserTest = existsSync(CHROMIUM) || process.env.CI === 'true' ? it : it.skip
const missing = existsSync(CHROMIUM) ? '' : ` (skipped: no Chromium at ${CHROMIUM}; set RAPPORT_CHROMIUM)`

let crm: ApiCrm
let server: ServerType
let browser: Browser
let baseUrl: string

beforeAll(async () => {
  if (browserTest === it.skip) return
  crm = createCrm({ adapter: sqliteAdapter({ filename: ':memory:' }) })
  await crm.migrate()
  await seedDemoTenant(crm.tenant('demo'))
  server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: createApp(crm).fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    )
  })
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // No sandbox: CI runs as root in a container. The rest keeps Chromium off the network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
})

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
  await crm?.close()
})

browserTest(
  `the dashboard shows the board and forecast, and moving a deal updates both${missing}`,
  async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${baseUrl}/?tenant=demo`)

    const weighted = page.locator('#forecast-weighted')
    await expect.poll(() => weighted.textContent()).toBe('$25,030.00')
    await expect.poll(() => page.getByTestId('totals-proposal').textContent()).toContain('1 · $9,500.00')

    await page.getByLabel('Move Office network refresh').selectOption('negotiation')

    // 9,500 moves from 50% to 80%: the weighted forecast grows by 2,850.
    await expect.poll(() => weighted.textContent()).toBe('$27,880.00')
    await expect.poll(() => page.getByTestId('totals-proposal').textContent()).toContain('0 · $0.00')
    await expect
      .poll(() => page.getByTestId('totals-negotiation').textContent())
      .toContain('2 · $33,500.00 · weighted $26,800.00')
    expect(await page.locator('#error').isHidden()).toBe(true)
    expect(errors).toEqual([])

    const deal = (
      await crm
        .tenant('demo')
        .deals.list({ filter: { field: 'name', op: 'eq', value: 'Office network refresh' } })
    ).items[0]
    expect(deal).toMatchObject({ stageKey: 'negotiation', version: 2 })

    mkdirSync(OUTPUT, { recursive: true })
    const screenshot = await page.screenshot({
      path: new URL('dashboard.png', OUTPUT).pathname,
      fullPage: true,
    })
    expect(screenshot.byteLength).toBeGreaterThan(10_000)
  },
)
