// The dashboard's browser script: plain JavaScript served as is. It reads the same JSON API any client
// would, sending the tenant in x-tenant-id.
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

loadBoard().catch(showError)
