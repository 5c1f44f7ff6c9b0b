import { readFileSync } from 'node:fs'
import { ATTRIBUTION_MODELS, type AttributionModel } from '@rapport/core'

const here = new URL('.', import.meta.url)

/**
 * The dashboard's scripts by file name, read once: plain browser JavaScript modules, no build step.
 * `dashboard.js` loads the data; `roi-chart.js` draws the campaign ROI chart.
 */
export const dashboardScripts: Readonly<Record<string, string>> = Object.fromEntries(
  ['dashboard.js', 'roi-chart.js'].map((name) => [name, readFileSync(new URL(name, here), 'utf8')]),
)

/** The attribution models as the ROI section's selector names them; the record type keeps it complete. */
const MODEL_LABELS: Readonly<Record<AttributionModel, string>> = {
  linear: 'Linear',
  firstTouch: 'First touch',
  lastTouch: 'Last touch',
  timeDecay: 'Time decay',
  uShaped: 'U-shaped',
  wShaped: 'W-shaped',
  primary: 'Primary campaign',
}

/** The selector's options, linear first: the report's default model. */
const MODEL_OPTIONS = ['linear' as const, ...ATTRIBUTION_MODELS.filter((model) => model !== 'linear')]
  .map((model) => `<option value="${model}">${MODEL_LABELS[model]}</option>`)
  .join('')

/** The dashboard's one HTML page; the script fills it from the JSON API. */
export function dashboardPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapport dashboard</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>Rapport dashboard</h1><span id="tenant"></span></header>
<main>
  <section aria-labelledby="board-title">
    <h2 id="board-title">Pipeline <span id="pipeline-label"></span></h2>
    <p class="forecast" data-testid="forecast">
      Open <strong id="forecast-open">–</strong> · Weighted forecast <strong id="forecast-weighted">–</strong>
      · <span id="forecast-deals">–</span> open deals
    </p>
    <div id="board" class="board" data-testid="board"></div>
  </section>
  <section aria-labelledby="cases-title">
    <h2 id="cases-title">Cases and SLA timers</h2>
    <table data-testid="cases">
      <thead><tr><th>Case</th><th>Priority</th><th>Status</th><th>First response</th><th>Resolution</th><th></th></tr></thead>
      <tbody id="cases"></tbody>
    </table>
  </section>
  <section aria-labelledby="roi-title">
    <h2 id="roi-title">Campaign ROI</h2>
    <div id="roi" data-testid="roi">
      <label>Attribution model
        <select id="roi-model" data-testid="roi-model">
          ${MODEL_OPTIONS}
        </select>
      </label>
      <div id="roi-chart" class="roi-chart"></div>
    </div>
  </section>
</main>
<p id="error" role="alert" hidden></p>
<script type="module" src="/dashboard.js"></script>
</body>
</html>`
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d2433; background: #f5f6f8; }
header { display: flex; gap: 1rem; align-items: baseline; padding: .75rem 1.5rem; background: #1d2433; color: #fff; }
header h1 { font-size: 1.1rem; margin: 0; }
main { padding: 1rem 1.5rem; display: grid; gap: 1.5rem; }
section { background: #fff; border-radius: 8px; padding: 1rem; box-shadow: 0 1px 2px #0001; }
h2 { font-size: 1rem; margin: 0 0 .5rem; }
.board { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(11rem, 1fr); gap: .75rem; overflow-x: auto; }
.column { background: #eef0f4; border-radius: 6px; padding: .5rem; }
.column.closed { background: #f4f4f4; color: #666; }
.column h3 { font-size: .85rem; margin: 0; }
.column .totals { font-size: .75rem; color: #555; margin-bottom: .5rem; }
.card { background: #fff; border-radius: 4px; padding: .4rem; margin-bottom: .4rem; box-shadow: 0 1px 1px #0002; }
.card select { width: 100%; margin-top: .25rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e4e6eb; }
.breached { color: #b00020; font-weight: 600; }
.warning { color: #a15c00; font-weight: 600; }
.met { color: #1b7f3b; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 9px; font-size: 12px; background: #eef0f4; }
.badge.inProgress { background: #e3edfb; color: #1a4f9c; }
.badge.warning { background: #fff1d6; }
.badge.breached { background: #fde3e7; }
.badge.met { background: #e1f4e7; }
.badge.paused { background: #eeeeee; color: #555; }
.left { font-size: 12px; color: #555; }
.bar-label { font-size: 12px; }
.roi-chart { margin-top: .75rem; overflow-x: auto; }
.roi-chart svg { font: 12px system-ui, sans-serif; }
.roi-revenue { fill: #1b7f3b; }
.roi-cost { fill: #8a94a6; }
.roi-name { font-weight: 600; }
.roi-note { fill: #555; font-size: 11px; }
.roi-label { font-weight: 600; font-size: 13px; }
#error { position: fixed; bottom: 1rem; right: 1rem; background: #b00020; color: #fff; padding: .5rem 1rem; border-radius: 4px; }
`
