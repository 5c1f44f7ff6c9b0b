// The Campaign ROI chart: a campaign report (GET /api/campaigns/report) drawn as inline SVG, no chart
// library. Per campaign, two bars on one scale, attributed revenue and actual cost, and the ROI beside them.
// Own figures only: a parent's bars leave out its children, whose revenue would otherwise count twice; the
// parent's ROI with its children is written under its own.

const SVG = 'http://www.w3.org/2000/svg'
const WIDTH = 760
const LABEL_WIDTH = 200
const BAR_WIDTH = 360
const ROW_HEIGHT = 62
const TOP = 28

const percent = new Intl.NumberFormat('en', {
  style: 'percent',
  signDisplay: 'exceptZero',
  maximumFractionDigits: 0,
})

/** An ROI as the chart labels it: `+200%`, `-100%`; `n/a` without costs (ROI is null then). */
export function roiText(roi) {
  return roi === null ? 'n/a' : percent.format(roi)
}

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value))
  if (text !== undefined) node.textContent = text
  return node
}

/**
 * The chart of `report`'s rows. `money(minor, currency)` formats amounts. Bars share one scale per currency:
 * a report may mix currencies (Rapport never converts them), and dollars against euros on one axis would lie.
 */
export function roiChart(report, money) {
  const largest = new Map()
  for (const { currency, own } of report.rows) {
    const top = Math.max(largest.get(currency) ?? 0, own.attributedRevenueMinor, own.actualCostMinor)
    largest.set(currency, top)
  }
  const height = TOP + report.rows.length * ROW_HEIGHT
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    width: WIDTH,
    height,
    role: 'img',
    'aria-label': `Attributed revenue and actual cost per campaign, ${report.model} attribution`,
    'data-testid': 'roi-chart',
    'data-model': report.model,
  })
  const parents = new Set(report.rows.map((row) => row.parentId))
  chart.append(legend())
  report.rows.forEach((row, index) => {
    const scale = BAR_WIDTH / Math.max(largest.get(row.currency), 1)
    const hasChildren = parents.has(row.campaignId)
    chart.append(campaignRow(row, TOP + index * ROW_HEIGHT, scale, hasChildren, money))
  })
  return chart
}

function legend() {
  const group = svg('g', { class: 'roi-legend' })
  group.append(
    svg('rect', { x: LABEL_WIDTH, y: 4, width: 12, height: 12, class: 'roi-revenue' }),
    svg('text', { x: LABEL_WIDTH + 18, y: 14 }, 'Attributed revenue'),
    svg('rect', { x: LABEL_WIDTH + 160, y: 4, width: 12, height: 12, class: 'roi-cost' }),
    svg('text', { x: LABEL_WIDTH + 178, y: 14 }, 'Actual cost'),
  )
  return group
}

function campaignRow(row, y, scale, hasChildren, money) {
  const { own, rolledUp } = row
  const group = svg('g', { 'data-testid': 'roi-row', 'data-campaign': row.name })
  // Children are indented under their parent, as the report lists them.
  const indent = (row.level - 1) * 14
  group.append(
    svg(
      'title',
      {},
      `${row.name}: ${money(own.attributedRevenueMinor, row.currency)} attributed revenue, ${money(own.actualCostMinor, row.currency)} actual cost`,
    ),
    svg('text', { x: indent, y: y + 20, class: 'roi-name' }, row.level > 1 ? `↳ ${row.name}` : row.name),
    svg('text', { x: indent, y: y + 38, class: 'roi-note' }, row.status),
    bar(
      y + 8,
      own.attributedRevenueMinor,
      scale,
      'roi-revenue',
      money(own.attributedRevenueMinor, row.currency),
    ),
    bar(y + 28, own.actualCostMinor, scale, 'roi-cost', money(own.actualCostMinor, row.currency)),
    svg(
      'text',
      { x: WIDTH - 4, y: y + 26, 'text-anchor': 'end', class: 'roi-label', 'data-testid': 'roi-label' },
      `ROI ${roiText(own.roi)}`,
    ),
  )
  // A parent's ROI with its children says what the whole programme returned.
  if (hasChildren) {
    group.append(
      svg(
        'text',
        { x: WIDTH - 4, y: y + 44, 'text-anchor': 'end', class: 'roi-note', 'data-testid': 'roi-rolled-up' },
        `with sub-campaigns ${roiText(rolledUp.roi)}`,
      ),
    )
  }
  return group
}

function bar(y, minor, scale, kind, label) {
  const width = minor * scale
  const group = svg('g', {})
  group.append(
    svg('rect', {
      x: LABEL_WIDTH,
      y,
      width,
      height: 16,
      class: kind,
      'data-testid': kind,
      'data-minor': minor,
    }),
    svg('text', { x: LABEL_WIDTH + width + 6, y: y + 13, class: 'roi-value' }, label),
  )
  return group
}
