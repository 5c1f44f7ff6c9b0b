// The dashboard's browser script: plain JavaScript served as is. It reads the same JSON API any client
// would, sending the tenant in x-tenant-id.
import { roiChart } from '/roi-chart.js'

const params = new URLSearchParams(location.search)
const tenant = params.get('tenant') ?? 'demo'
document.getElementById('tenant').textContent = `tenant ${tenant}`

async function api(path, init = {}) {
  const response = await fetch(`/api${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', 'x-tenant-id': tenant, ...init.headers },
  })
  const body = await response.json()
  if (!response.ok) throw new Error(`${body.code}: ${body.message}`)
  return body
}

function money(minor, currency) {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 100)
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  node.append(...children)
  return node
}

function showError(error) {
  const box = document.getElementById('error')
  box.textContent = error.message
  box.hidden = false
}

// ---- Pipeline board and forecast ----

async function loadBoard() {
  const pipelines = await api('/pipelines')
  const key = params.get('pipeline') ?? pipelines[0]?.key
  if (!key) return
  const board = await api(`/pipelines/${key}/board`)
  document.getElementById('pipeline-label').textContent = board.label
  document.getElementById('forecast-open').textContent = money(board.forecast.openMinor, board.currency)
  document.getElementById('forecast-weighted').textContent = money(
    board.forecast.weightedMinor,
    board.currency,
  )
  document.getElementById('forecast-deals').textContent = String(board.forecast.openDeals)
  const columns = board.columns.map((column) => boardColumn(column, board))
  document.getElementById('board').replaceChildren(...columns)
}

function boardColumn(column, board) {
  const cards = column.deals.map((deal) => dealCard(deal, board))
  return element(
    'div',
    { class: column.isClosed ? 'column closed' : 'column', 'data-stage': column.stage },
    element('h3', {}, `${column.label} (${Math.round(column.probability * 100)}%)`),
    element(
      'div',
      { class: 'totals', 'data-testid': `totals-${column.stage}` },
      `${column.dealCount} · ${money(column.amountMinor, board.currency)} · weighted ${money(column.weightedMinor, board.currency)}`,
    ),
    ...cards,
  )
}

function dealCard(deal, board) {
  const select = element('select', { 'aria-label': `Move ${deal.name}`, 'data-deal': deal.id })
  for (const column of board.columns) {
    const option = element('option', { value: column.stage }, column.label)
    if (column.stage === deal.stageKey) option.selected = true
    select.append(option)
  }
  select.addEventListener('change', async () => {
    try {
      await api(`/deals/${deal.id}/move`, {
        method: 'POST',
        body: JSON.stringify({ stage: select.value, expectedVersion: deal.version }),
      })
    } catch (error) {
      showError(error)
    }
    await loadBoard()
  })
  return element(
    'div',
    { class: 'card', 'data-testid': `deal-${deal.id}` },
    element('div', {}, deal.name),
    element(
      'div',
      { class: 'totals' },
      deal.amountMinor === null ? '–' : money(deal.amountMinor, board.currency),
    ),
    select,
  )
}

// ---- Cases and their SLA timers ----

const OPEN_STATUSES = ['new', 'open', 'pending', 'onHold']
const BADGES = {
  inProgress: 'in progress',
  warning: 'warning',
  breached: 'breached',
  met: 'met',
  paused: 'paused',
  cancelled: 'cancelled',
}

async function loadCases() {
  const filter = encodeURIComponent(JSON.stringify({ field: 'status', op: 'in', value: OPEN_STATUSES }))
  const sort = encodeURIComponent(JSON.stringify({ field: 'createdAt', direction: 'asc' }))
  const page = await api(`/cases?filter=${filter}&sort=${sort}&limit=100`)
  const rows = await Promise.all(
    page.items.map(async (kase) => caseRow(kase, await api(`/cases/${kase.id}/sla`))),
  )
  document.getElementById('cases').replaceChildren(...rows)
}

function caseRow(kase, sla) {
  const clockOf = (metric) => sla.clocks.find((clock) => clock.metric === metric)
  const firstResponse = clockOf('firstResponse')
  const reply = element('button', { type: 'button', 'data-testid': 'reply' }, 'Reply')
  reply.addEventListener('click', async () => {
    try {
      await api(`/cases/${kase.id}/messages`, {
        method: 'POST',
        body: JSON.stringify({ authorKind: 'agent', body: 'Thanks, we are on it.' }),
      })
    } catch (error) {
      showError(error)
    }
    await loadCases()
  })
  const answered =
    firstResponse === undefined || firstResponse.metAt !== null || firstResponse.status === 'cancelled'
  return element(
    'tr',
    { 'data-testid': 'case-row', 'data-case': kase.id },
    element('td', { 'data-testid': 'case-subject' }, kase.subject),
    element('td', { 'data-testid': 'case-priority' }, kase.priority),
    element('td', { 'data-testid': 'case-status' }, kase.status),
    timerCell(firstResponse, 'firstResponse'),
    timerCell(clockOf('resolution'), 'resolution'),
    element('td', {}, answered ? '' : reply),
  )
}

function timerCell(clock, metric) {
  if (clock === undefined)
    return element('td', { 'data-testid': `timer-${metric}`, 'data-status': 'none' }, '–')
  const badge = element('span', { class: `badge ${clock.status}` }, BADGES[clock.status] ?? clock.status)
  const due = clock.dueAt === null ? '' : `due ${new Date(clock.dueAt).toLocaleString('en')}`
  return element(
    'td',
    { 'data-testid': `timer-${metric}`, 'data-status': clock.status, title: due },
    badge,
    ' ',
    element('span', { class: 'left' }, timeLeft(clock)),
  )
}

// Business minutes, as the SLA counts them.
function timeLeft(clock) {
  if (clock.status === 'met') return `in ${duration(clock.elapsedMinutes)}`
  if (clock.status === 'cancelled') return ''
  return clock.remainingMinutes >= 0
    ? `${duration(clock.remainingMinutes)} left`
    : `${duration(-clock.remainingMinutes)} overdue`
}

function duration(minutes) {
  const whole = Math.round(minutes)
  const hours = Math.floor(whole / 60)
  return hours === 0 ? `${whole % 60}m` : `${hours}h ${String(whole % 60).padStart(2, '0')}m`
}

// ---- Campaign ROI ----

// Each choice of model refetches the report; only the latest request may draw, so a slow answer for a
// model chosen earlier never replaces the chart of the one chosen last.
let roiRequest = 0

async function loadRoi(model) {
  const request = ++roiRequest
  const report = await api(`/campaigns/report?model=${encodeURIComponent(model)}`)
  if (request !== roiRequest) return
  const chart =
    report.rows.length === 0
      ? element('p', { 'data-testid': 'roi-empty' }, 'No campaigns yet.')
      : roiChart(report, money)
  document.getElementById('roi-chart').replaceChildren(chart)
}

const roiModel = document.getElementById('roi-model')
roiModel.addEventListener('change', () => loadRoi(roiModel.value).catch(showError))

loadBoard().catch(showError)
loadCases().catch(showError)
loadRoi(roiModel.value).catch(showError)
