import type { ApiTenant } from './api-env'
import { seedDemoCampaigns } from './demo-campaigns'
import { seedDemoCases } from './demo-cases'
import { ensureDemoSla } from './demo-sla'
import type { SeedClock } from './seed-clock'

/**
 * What the demo tenant starts with, so the dashboard has something to show: contacts and deals, the
 * support calendar and SLA policy, cases in each timer state, and campaigns with touches, costs and won deals
 * for the ROI chart. Each part is seeded only when missing, so
 * a restarted demo keeps what it had.
 *
 * @param clock The CRM's clock: the cases and the campaigns' history happen in the past by pinning it.
 */
export async function seedDemoTenant(tenant: ApiTenant, clock: SeedClock): Promise<void> {
  await seedDemoDeals(tenant)
  await ensureDemoSla(tenant)
  if ((await tenant.cases.count()) === 0) await seedDemoCases(tenant, clock)
  // After the deal seed: its "no deals yet" check must not see the campaigns' won deals.
  if ((await tenant.campaigns.count()) === 0) await seedDemoCampaigns(tenant, clock)
}

async function seedDemoDeals(tenant: ApiTenant): Promise<void> {
  if ((await tenant.deals.count()) > 0) return
  const [ada, grace, linus] = await tenant.contacts.createMany([
    {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@analytical.example',
      lifecycleStage: 'opportunity',
    },
    { firstName: 'Grace', lastName: 'Hopper', email: 'grace@cobol.example', lifecycleStage: 'lead' },
    { firstName: 'Linus', lastName: 'Torvalds', email: 'linus@kernel.example', lifecycleStage: 'customer' },
  ])
  const deals: { name: string; stage: string; amountMinor: number; contactId: string }[] = [
    {
      name: 'Analytical engine service plan',
      stage: 'qualification',
      amountMinor: 1_200_00,
      contactId: ada!.id,
    },
    { name: 'Compiler workstations', stage: 'needsAnalysis', amountMinor: 4_800_00, contactId: grace!.id },
    { name: 'Office network refresh', stage: 'proposal', amountMinor: 9_500_00, contactId: linus!.id },
    { name: 'Laptop fleet (20 units)', stage: 'negotiation', amountMinor: 24_000_00, contactId: ada!.id },
  ]
  for (const deal of deals) {
    await tenant.deals.create({
      name: deal.name,
      stage: deal.stage,
      amount: { amountMinor: deal.amountMinor, currency: 'USD' },
      contacts: [{ contactId: deal.contactId, isPrimary: true }],
    })
  }
}
