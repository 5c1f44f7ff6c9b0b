import { z } from 'zod'
import { createBusinessCalendar } from '../../domain/sla/business-calendar'
import type { BusinessCalendarDefinition } from '../../domain/sla/calendar-definition'
import { businessCalendarEntity } from '../../entities/business-calendar-entity'
import type { BusinessCalendarRecord } from '../../entities/records'
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type ValidationIssue,
} from '../../errors/rapport-error'
import { validate } from '../../errors/validate'
import { optionalText } from '../../runtime/common-input'
import { runCommand, type ServiceDeps } from '../../runtime/service-context'
import { loadForChange, writeChanges } from '../../runtime/versioned-write'
import { retimeForCalendar } from './sla-retime'

const keySchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Expected 1-64 letters, digits, "_" or "-"')

const calendarInput = z.object({ key: keySchema, label: optionalText(200), definition: z.unknown() }).strict()

const calendarUpdateInput = z.object({ label: optionalText(200), definition: z.unknown() }).strict()

const versionOption = z.object({ expectedVersion: z.number().int().min(1).optional() }).strict()

/**
 * A business calendar to store: a key for policies to name it by, a label, and the definition (IANA zone,
 * weekly hours, holidays).
 *
 * @example
 * ```ts
 * const input: BusinessCalendarInput = {
 *   key: 'berlin-office',
 *   definition: { timeZone: 'Europe/Berlin', weekly: { mon: [{ from: '09:00', to: '17:00' }] } },
 * }
 * ```
 */
export interface BusinessCalendarInput {
  readonly key: string
  readonly label?: string | null
  readonly definition: BusinessCalendarDefinition
}

/** Validates a definition, with issue paths under `definition`. */
function parseDefinition(definition: unknown): BusinessCalendarDefinition {
  try {
    return createBusinessCalendar(definition).definition
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    const issues = error.issues.map(
      (issue) => ({ ...issue, path: ['definition', ...issue.path] }) as ValidationIssue,
    )
    throw new ValidationError(error.message, issues, { cause: error })
  }
}

export { calendarIdOf, calendarLoader, compiledCalendar } from './sla-calendar-store'

import { calendarIdOf, compiledCalendar } from './sla-calendar-store'

/** The business calendars of one tenant. */
export function businessCalendarsService(deps: ServiceDeps, tenantId: string) {
  const catalog = deps.catalogs.businessCalendar
  return {
    /** Every calendar of the tenant, by key. */
    async list(): Promise<BusinessCalendarRecord[]> {
      const rows = await deps.adapter.reader.find(businessCalendarEntity, tenantId, {
        sort: [{ field: catalog.fields.get('key')!, direction: 'asc' }],
        now: deps.clock.now().toISOString(),
      })
      return rows as unknown as BusinessCalendarRecord[]
    },

    /** @throws NotFoundError */
    async get(key: string): Promise<BusinessCalendarRecord> {
      const id = calendarIdOf(validate(keySchema, key, 'calendar key'))
      const row = await deps.adapter.reader.get(businessCalendarEntity, tenantId, id)
      if (!row) throw new NotFoundError('businessCalendar', key)
      return row as unknown as BusinessCalendarRecord
    },

    /** Stores a calendar. @throws ValidationError (bad zone, overlapping hours, ...), ConflictError (key taken) */
    async create(input: BusinessCalendarInput): Promise<BusinessCalendarRecord> {
      const parsed = validate(calendarInput, input, 'business calendar')
      const definition = parseDefinition(parsed.definition)
      return runCommand(deps, tenantId, async (ctx) => {
        const id = calendarIdOf(parsed.key)
        if (await ctx.tx.get(businessCalendarEntity, tenantId, id)) {
          throw new ConflictError(`A business calendar with key "${parsed.key}" exists`, {
            details: { reason: 'keyTaken', key: parsed.key },
          })
        }
        const row = {
          id,
          version: 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          key: parsed.key,
          label: parsed.label ?? null,
          definition,
        }
        await ctx.tx.insert(businessCalendarEntity, tenantId, [row])
        const calendar = row as unknown as BusinessCalendarRecord
        ctx.emit('businessCalendar.created', { calendar })
        return calendar
      })
    },

    /**
     * Replaces a calendar's label and definition. In the same transaction, every open clock counting in
     * this calendar is re-timed: re-measured in the new hours from its original start, with new due,
     * warning and next-event instants; thresholds the new hours put behind are announced at once.
     * @throws NotFoundError, ValidationError, ConflictError (`expectedVersion` differs, or a clock changed
     *   meanwhile: retryable)
     */
    async update(
      key: string,
      input: Omit<BusinessCalendarInput, 'key'>,
      options: { expectedVersion?: number } = {},
    ): Promise<BusinessCalendarRecord> {
      const id = calendarIdOf(validate(keySchema, key, 'calendar key'))
      const parsed = validate(calendarUpdateInput, input, 'business calendar')
      const { expectedVersion } = validate(versionOption, options, 'update options')
      const definition = parseDefinition(parsed.definition)
      return runCommand(deps, tenantId, async (ctx) => {
        const current = await loadForChange(ctx, businessCalendarEntity, id, expectedVersion)
        const written = await writeChanges(ctx, businessCalendarEntity, current, {
          label: parsed.label ?? null,
          definition,
        })
        const calendar = written as unknown as BusinessCalendarRecord
        const before = compiledCalendar(deps, tenantId, current as unknown as BusinessCalendarRecord)
        await retimeForCalendar(deps, ctx, calendar.key, before, compiledCalendar(deps, tenantId, calendar))
        ctx.emit('businessCalendar.updated', { calendar })
        return calendar
      })
    },
  }
}
