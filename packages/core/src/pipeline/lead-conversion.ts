import { z } from 'zod'
import {
  advanceLifecycleIn,
  type CustomersServices,
  companyCreateInput,
  presentContact,
} from '../customers/api'
import { decideLifecycleMove, type LifecycleStage, lifecycleRank } from '../domain/lifecycle'
import { companyEntity } from '../entities/company-entity'
import { contactEntity } from '../entities/contact-entity'
import type { Company, Contact, Deal } from '../entities/records'
import { InvalidStateError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import { optionalText } from '../runtime/common-input'
import type { CustomFieldSchemas, CustomOutput, DealOf } from '../runtime/custom-field-types'
import { type CommandContext, runCommand, type ServiceDeps } from '../runtime/service-context'
import { changedFields, loadForChange, type VersionedRow, writeChanges } from '../runtime/versioned-write'

/** Company fields a conversion may fill on an existing company (only where it has no value). */
const COMPANY_FILL_FIELDS = [
  'domain',
  'industry',
  'employeeCount',
  'phone',
  'country',
  'city',
  'ownerId',
] as const

const leadConversionInput = z
  .object({
    /** The lead's company: an existing one (empty fields filled from `fill` and the lead), or a new one. */
    company: z
      .union([
        z
          .object({
            existingId: z.string().min(1).max(100),
            fill: companyCreateInput
              .pick({
                domain: true,
                industry: true,
                employeeCount: true,
                phone: true,
                country: true,
                city: true,
                ownerId: true,
              })
              .partial()
              .optional(),
          })
          .strict(),
        z.object({ create: z.record(z.string(), z.unknown()) }).strict(),
      ])
      .optional(),
    /** The contact's role at the company. */
    role: optionalText(200),
    /** A deal to open: any `deals.create` input; the contact and company are attached to it. */
    deal: z.record(z.string(), z.unknown()).optional(),
    /** The contact's role in the deal. @default 'lead' */
    dealRole: optionalText(200),
    /**
     * Where the contact's lifecycle moves (forward only).
     * @default 'opportunity' with a deal, 'salesQualified' without
     */
    lifecycleStage: z.enum(['salesQualified', 'opportunity', 'customer']).optional(),
    actor: optionalText(200),
  })
  .strict()

/** What `leads.convert` takes. */
export type LeadConversionInput = z.input<typeof leadConversionInput>

/** What a conversion produced. */
export interface LeadConversionResult<CC, CO, CD> {
  readonly contact: Contact<CC>
  readonly company: Company<CO> | null
  readonly companyCreated: boolean
  readonly deal: Deal<CD> | null
}

/** The highest stage a contact may be in and still convert. */
const LAST_LEAD_STAGE: LifecycleStage = 'salesQualified'

/** What lead conversion builds on: the customers' writes, and deal creation inside its transaction. */
export interface LeadConversionParts<CF extends CustomFieldSchemas> {
  readonly customers: CustomersServices<CF>
  createDealIn(ctx: CommandContext, input: unknown, path?: readonly (string | number)[]): Promise<DealOf<CF>>
}

async function fillCompany<Custom>(
  ctx: CommandContext,
  companyId: string,
  fill: Record<string, unknown>,
  lead: Contact<unknown>,
): Promise<Company<Custom>> {
  const current = await loadForChange(ctx, companyEntity, companyId)
  if (current.archivedAt !== null) throw new InvalidStateError(`company ${companyId} is archived`)
  const candidates: Record<string, unknown> = { country: lead.country, city: lead.city, ...fill }
  const changes: Record<string, unknown> = {}
  for (const key of COMPANY_FILL_FIELDS) {
    const value = candidates[key]
    if ((current[key] === null || current[key] === undefined) && value !== undefined && value !== null)
      changes[key] = value
  }
  if (changedFields(current, changes).length === 0) return current as unknown as Company<Custom>
  const written = (await writeChanges(ctx, companyEntity, current, changes)) as unknown as Company<Custom>
  ctx.emit('company.updated', { company: written, changedFields: Object.keys(changes) })
  return written
}

/**
 * Writes the lead with a compare-and-set on `row.version`: its lifecycle move when the stage changes, else
 * a bare version bump, so that a conversion always claims the lead before it writes anything else.
 */
async function claimLead<Custom>(
  deps: ServiceDeps,
  ctx: CommandContext,
  row: VersionedRow,
  target: LifecycleStage,
  actor: string | null,
): Promise<Contact<Custom>> {
  const current = (row.lifecycleStage as LifecycleStage | null) ?? null
  if (decideLifecycleMove(current, target, 'automatic').move) {
    const moved = await advanceLifecycleIn<Custom>(deps, ctx, row.id, target, {
      actor,
      reason: 'lead conversion',
      expectedVersion: row.version,
    })
    return moved.contact
  }
  return presentContact<Custom>(await writeChanges(ctx, contactEntity, row, {}))
}

/** Lead conversion for one tenant; `CF` are the app's custom field schemas. */
export function leadConversion<CF extends CustomFieldSchemas>(
  deps: ServiceDeps,
  tenantId: string,
  parts: LeadConversionParts<CF>,
) {
  type CC = CustomOutput<CF['contact']>
  type CO = CustomOutput<CF['company']>
  type CD = CustomOutput<CF['deal']>
  return {
    /**
     * Converts a lead in one transaction: the contact gets a company (an existing one, whose empty fields are
     * filled, or a new one), optionally a deal with the contact and company on it, and its lifecycle stage
     * moves forward. If any step fails, nothing is written and no event is sent.
     *
     * @throws InvalidStateError when the contact is archived or already past `salesQualified`.
     */
    async convert(
      contactId: string,
      input: LeadConversionInput = {},
    ): Promise<LeadConversionResult<CC, CO, CD>> {
      const options = validate(leadConversionInput, input, 'lead conversion')
      return runCommand(deps, tenantId, async (ctx) => {
        const row = await loadForChange(ctx, contactEntity, contactId)
        const lead = presentContact(row)
        if (lead.archivedAt !== null) throw new InvalidStateError(`contact ${contactId} is archived`)
        if (
          lead.lifecycleStage !== null &&
          lifecycleRank(lead.lifecycleStage) > lifecycleRank(LAST_LEAD_STAGE)
        ) {
          throw new InvalidStateError(
            `contact ${contactId} is already at ${lead.lifecycleStage}; only leads convert`,
            {
              details: { reason: 'notALead', lifecycleStage: lead.lifecycleStage },
            },
          )
        }
        // The lead is written first, as a compare-and-set on the version just read: of two conversions
        // of one lead racing, the second waits on this row and then fails here (and, run again, finds no
        // lead) before it has created a company or a deal.
        const target = options.lifecycleStage ?? (options.deal ? 'opportunity' : 'salesQualified')
        const contact = await claimLead<CC>(deps, ctx, row, target, options.actor ?? null)

        let company: Company<CO> | null = null
        let companyCreated = false
        if (options.company && 'existingId' in options.company) {
          company = await fillCompany<CO>(ctx, options.company.existingId, options.company.fill ?? {}, lead)
        } else if (options.company) {
          const defaults = { country: lead.country, city: lead.city }
          company = await parts.customers.createCompanyIn(ctx, { ...defaults, ...options.company.create }, [
            'company',
            'create',
          ])
          companyCreated = true
        }
        if (company && !(await parts.customers.findLinkIn(ctx, contactId, company.id))) {
          await parts.customers.linkIn(ctx, contactId, company.id, { role: options.role ?? null })
        }

        let deal: Deal<CD> | null = null
        if (options.deal) {
          deal = await parts.createDealIn(
            ctx,
            {
              ...options.deal,
              ...(company ? { companyId: company.id } : {}),
              contacts: [{ contactId, role: options.dealRole ?? 'lead', isPrimary: true }],
            },
            ['deal'],
          )
        }

        ctx.emit('lead.converted', {
          contactId,
          companyId: company?.id ?? null,
          companyCreated,
          dealId: deal?.id ?? null,
        })
        return { contact, company, companyCreated, deal }
      })
    },
  }
}
