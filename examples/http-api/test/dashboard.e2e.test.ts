import { existsSync, mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { createCrm } from '@rapport/core'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ApiCrm } from '../src/api-env'
import { createApp } from '../src/app'
import { seedDemoTenant } from '../src/demo-data'
import { SeedClock } from '../src/seed-clock'
import { openTestStorage, type TestStorage } from './test-storage'

// Debian's Chromium, never a downloaded one. `.ci/run` installs it with apt-get.
const CHROMIUM = process.env.RAPPORT_CHROMIUM ?? '/usr/bin/chromium'
const OUTPUT = new URL('../test-output/', import.meta.url)
// A laptop without Chromium skips this one test and says so; CI (CI=true) never skips it.
const browserTest = existsSync(CHROMIUM) || process.env.CI === 'true' ? it : it.skip
const missing = existsSync(CHROMIUM) ? '' : ` (skipped: no Chromium at ${CHROMIUM}; set RAPPORT_CHROMIUM)`

// Wednesday 10 June 2026, 14:00 in New York: the seeded cases' timers are the same on every run.
const NOW = new Date('2026-06-10T18:00:00Z')

let storage: TestStorage
let crm: ApiCrm
let server: ServerType
let browser: Browser
let baseUrl: string

beforeAll(async () => {
  if (browserTest === it.skip) return
  const clock = new SeedClock({ now: () => NOW })
  storage = openTestStorage('dashboard')
  crm = createCrm({ adapter: storage.adapter, clock })
  await crm.migrate()
  await seedDemoTenant(crm.tenant('demo'), clock)
  server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: createApp(crm, { clock }).fetch, port: 0, hostname: '127.0.0.1' }, () =>
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
  await storage?.dispose()
})

/** The cases table as text: subject → status, first-response and resolution timers (state and time). */
async function casesTable(page: Page): Promise<Record<string, string[]>> {
  const rows = page.getByTestId('case-row')
  const table: Record<string, string[]> = {}
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i)
    const timer = async (metric: string) => {
      const cell = row.getByTestId(`timer-${metric}`)
      return `${await cell.getAttribute('data-status')}: ${await cell.textContent()}`
    }
    table[(await row.getByTestId('case-subject').textContent())!] = [
      (await row.getByTestId('case-status').textContent())!,
      await timer('firstResponse'),
      await timer('resolution'),
    ]
  }
  return table
}

/** The ROI chart's labels: campaign name → its ROI label. */
async function roiLabels(page: Page): Promise<Record<string, string>> {
  const rows = page.locator('[data-testid="roi-row"]')
  const labels: Record<string, string> = {}
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i)
    labels[(await row.getAttribute('data-campaign'))!] = (await row.getByTestId('roi-label').textContent())!
  }
  return labels
}

browserTest(
  `the dashboard shows the board, forecast, case timers and campaign ROI; moving a deal, replying and switching the attribution model update them${missing}`,
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

    // The cases table: one row per open case, its timers in business minutes at 14:00 New York time.
    await expect.poll(() => page.getByTestId('case-row').count()).toBe(4)
    expect(await casesTable(page)).toEqual({
      'Invoice shows the wrong VAT rate': [
        'open',
        'met: met in 2h 00m',
        'inProgress: in progress 19h 00m left',
      ],
      'Cannot log in after the password reset': [
        'new',
        'warning: warning 10m left',
        'inProgress: in progress 7h 10m left',
      ],
      'Checkout is down for all customers': [
        'new',
        'breached: breached 1h 00m overdue',
        'inProgress: in progress 2h 30m left',
      ],
      'CSV export misses the custom fields': ['pending', 'met: met in 20m', 'paused: paused 39h 00m left'],
    })

    // Replying from the page answers the login case in time: its first-response timer is met.
    const login = page.getByTestId('case-row').filter({ hasText: 'Cannot log in' })
    await login.getByTestId('reply').click()
    await expect.poll(() => login.getByTestId('timer-firstResponse').getAttribute('data-status')).toBe('met')
    expect(await login.getByTestId('case-status').textContent()).toBe('open')
    expect(await page.locator('#error').isHidden()).toBe(true)

    const deal = (
      await crm
        .tenant('demo')
        .deals.list({ filter: { field: 'name', op: 'eq', value: 'Office network refresh' } })
    ).items[0]
    expect(deal).toMatchObject({ stageKey: 'negotiation', version: 2 })

    // Campaign ROI, linear: the demo's hand-computed figures (see demo-campaigns.ts).
    expect(await page.getByTestId('roi-model').inputValue()).toBe('linear')
    await expect
      .poll(() => roiLabels(page))
      .toEqual({
        'Spring promotion': 'ROI +200%',
        'Spring email wave': 'ROI +700%',
        'Trade show 2026': 'ROI +120%',
      })
    const spring = page.locator('[data-testid="roi-row"][data-campaign="Spring promotion"]')
    expect(await spring.getByTestId('roi-rolled-up').textContent()).toBe('with sub-campaigns +367%')
    expect(await spring.getByTestId('roi-revenue').getAttribute('data-minor')).toBe('300000')
    expect(await spring.getByTestId('roi-cost').getAttribute('data-minor')).toBe('100000')

    // First touch gives Mia's deal to the promotion, which reached her first: the email wave earns nothing.
    await page.getByTestId('roi-model').selectOption('firstTouch')
    await expect
      .poll(() => roiLabels(page))
      .toEqual({
        'Spring promotion': 'ROI +800%',
        'Spring email wave': 'ROI -100%',
        'Trade show 2026': 'ROI +80%',
      })
    expect(await page.getByTestId('roi-chart').getAttribute('data-model')).toBe('firstTouch')
    await page.getByTestId('roi-model').selectOption('linear')
    await expect.poll(() => roiLabels(page)).toMatchObject({ 'Spring email wave': 'ROI +700%' })
    expect(await page.locator('#error').isHidden()).toBe(true)
    expect(errors).toEqual([])

    mkdirSync(OUTPUT, { recursive: true })
    const screenshot = await page.screenshot({
      path: new URL('dashboard.png', OUTPUT).pathname,
      fullPage: true,
    })
    expect(screenshot.byteLength).toBeGreaterThan(10_000)
  },
)
