/**
 * The campaign ROI report written by hand in SQL against Rapport's tables: one grouped query per figure,
 * linear attribution with a window-free two-step count. What an engineer would write for a fixed report with
 * no model choice, no roll-up and plain floating-point shares (no largest-remainder rounding).
 */

/** Per campaign, the figures the hand-written queries compute. */
export interface HandFigures {
  cost: number
  sent: number
  responses: number
  leads: number
  convertedLeads: number
  revenue: number
  wonDeals: number
  pipelineInfluenced: number
}

/** The statements, for a dialect's spelling of true. */
export function handQueries(truth: string) {
  // CROSS JOIN fixes the join order on SQLite (deal → its contacts → their touches), which its planner
  // otherwise gets wrong without ANALYZE; Postgres still reorders as it likes.
  const touched = (extra: string) => `
    from deals d
    cross join deal_contacts dc
    cross join campaign_touches t
    where d.tenant_id = $1 and dc.tenant_id = d.tenant_id and dc.deal_id = d.id
      and t.tenant_id = d.tenant_id and t.contact_id = dc.contact_id
      and t.kind <> 'unsubscribed' ${extra}`
  return {
    cost: `select campaign_id as id, sum(amount_minor) as v from campaign_costs where tenant_id = $1 group by campaign_id`,
    sent: `select campaign_id as id, count(*) as v from campaign_touches where tenant_id = $1 and kind = 'sent' group by campaign_id`,
    responses: `select campaign_id as id, count(*) as v from campaign_members where tenant_id = $1 and status = 'responded' group by campaign_id`,
    leads: `select primary_campaign_id as id, count(*) as v, sum(case when is_won = ${truth} then 1 else 0 end) as w
      from deals where tenant_id = $1 and primary_campaign_id is not null group by primary_campaign_id`,
    revenue: `with credited as (
        select d.id as deal_id, d.amount_minor, t.campaign_id ${touched('and t."at" <= d.closed_at')}
          and d.is_won = ${truth}
      ), per_deal as (select deal_id, count(*) as n from credited group by deal_id)
      select c.campaign_id as id, sum(c.amount_minor * 1.0 / p.n) as v, count(distinct c.deal_id) as w
      from credited c join per_deal p on p.deal_id = c.deal_id group by c.campaign_id`,
    influenced: `select x.campaign_id as id, sum(x.amount_minor) as v from (
        select distinct d.id, t.campaign_id, d.amount_minor
        ${touched(`and (d.is_won <> ${truth} or t."at" <= d.closed_at)`)}
          and (d.is_won = ${truth} or d.is_closed <> ${truth})
      ) x group by x.campaign_id`,
  }
}

type Row = { id: string; v: number | string; w?: number | string }

/** Runs the hand-written queries and folds their rows into figures per campaign. */
export async function runHandReport(
  run: (text: string) => Promise<Row[]>,
  truth: string,
): Promise<Map<string, HandFigures>> {
  const q = handQueries(truth)
  const out = new Map<string, HandFigures>()
  const of = (id: string) => {
    let f = out.get(id)
    if (!f) {
      f = {
        cost: 0,
        sent: 0,
        responses: 0,
        leads: 0,
        convertedLeads: 0,
        revenue: 0,
        wonDeals: 0,
        pipelineInfluenced: 0,
      }
      out.set(id, f)
    }
    return f
  }
  for (const r of await run(q.cost)) of(r.id).cost = Number(r.v)
  for (const r of await run(q.sent)) of(r.id).sent = Number(r.v)
  for (const r of await run(q.responses)) of(r.id).responses = Number(r.v)
  for (const r of await run(q.leads))
    Object.assign(of(r.id), { leads: Number(r.v), convertedLeads: Number(r.w) })
  for (const r of await run(q.revenue))
    Object.assign(of(r.id), { revenue: Number(r.v), wonDeals: Number(r.w) })
  for (const r of await run(q.influenced)) of(r.id).pipelineInfluenced = Number(r.v)
  return out
}
