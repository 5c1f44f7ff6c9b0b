import { z } from 'zod'
import { CASE_PRIORITIES, type CasePriority } from '../cases/case-vocabulary'
import { type EscalationLevel, SLA_METRICS, type SlaMetric } from './sla-metrics'

/** Longest target or escalation offset: about two years of minutes. */
export const MAX_SLA_MINUTES = 1_051_200

/** The default share of a target at which a warning fires. */
export const DEFAULT_WARNING_SHARE = 0.75

/**
 * One target: a number of minutes, counted in the policy's business hours or around the clock.
 *
 * @example
 * ```ts
 * const target: SlaTarget = { minutes: 240, business: true } // 4 business hours
 * ```
 */
export interface SlaTarget {
  /** Whole minutes, 1 or more. */
  readonly minutes: number
  /**
   * Count only business hours of the policy's calendar (`true`) or every minute (`false`).
   * @default true when the policy names a calendar, false otherwise
   */
  readonly business?: boolean
}

/** Targets per metric; a metric without a target is not measured. */
export type SlaMetricTargets = { readonly [M in SlaMetric]?: SlaTarget }

/** Targets per case priority; a priority without targets gets no clocks. */
export type SlaTargetsByPriority = { readonly [P in CasePriority]?: SlaMetricTargets }

const keySchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Expected 1-64 letters, digits, "_" or "-"')

const minutesSchema = z.number().int('Expected whole minutes').min(1).max(MAX_SLA_MINUTES)

const targetSchema = z.object({ minutes: minutesSchema, business: z.boolean().optional() }).strict()

const metricTargetsSchema = z
  .object(
    Object.fromEntries(SLA_METRICS.map((m) => [m, targetSchema.optional()])) as {
      [M in SlaMetric]: z.ZodOptional<typeof targetSchema>
    },
  )
  .strict()

const targetsSchema = z
  .object(
    Object.fromEntries(CASE_PRIORITIES.map((p) => [p, metricTargetsSchema.optional()])) as {
      [P in CasePriority]: z.ZodOptional<typeof metricTargetsSchema>
    },
  )
  .strict()

const escalationSchema = z
  .object({
    level: z.number().int().min(1).max(10),
    afterMinutes: z.number().int('Expected whole minutes').min(0).max(MAX_SLA_MINUTES),
    action: z.string().trim().min(1).max(200),
  })
  .strict()

/**
 * What an app writes to describe an SLA policy. The condition is a filter over the case and its contact and
 * company (`priority`, `contact.custom.tier`, `company.custom.segment`); it is checked against those fields
 * by the service, not here.
 *
 * @example
 * ```ts
 * const gold: SlaPolicyInput = {
 *   key: 'gold',
 *   label: 'Gold customers',
 *   condition: { field: 'contact.custom.tier', op: 'eq', value: 'gold' },
 *   calendar: 'berlin-office',
 *   targets: { urgent: { firstResponse: { minutes: 30 }, resolution: { minutes: 480 } } },
 *   escalations: [{ level: 1, afterMinutes: 60, action: 'notifyTeamLead' }],
 * }
 * ```
 */
export interface SlaPolicyInput {
  /** Identifier, unique in the tenant, fixed once created. */
  readonly key: string
  readonly label: string
  /**
   * Place in the ordered list; the first policy whose condition matches applies.
   * @default after the last policy
   */
  readonly position?: number
  /**
   * Which cases the policy applies to (the filter language).
   * @default every case
   */
  readonly condition?: unknown
  /** Key of a stored business calendar; business targets need one. */
  readonly calendar?: string | null
  readonly targets: SlaTargetsByPriority
  /**
   * Share of a target at which `sla.warning` fires, between 0 and 1.
   * @default 0.75
   */
  readonly warningShare?: number
  /**
   * Escalation levels after a breach, levels 1, 2, ... with non-decreasing offsets.
   * @default []
   */
  readonly escalations?: readonly EscalationLevel[]
}

/** A validated policy definition (condition still unresolved). */
export interface SlaPolicyDefinition {
  readonly key: string
  readonly label: string
  readonly position: number | undefined
  readonly condition: unknown
  readonly calendar: string | null
  readonly targets: SlaTargetsByPriority
  readonly warningShare: number
  readonly escalations: readonly EscalationLevel[]
}

/**
 * Validates the shape of a policy: key, whole positive minutes, a warning share strictly between 0 and 1,
 * escalation levels numbered 1, 2, ... with non-decreasing offsets, and no business target without a
 * calendar.
 */
export const slaPolicyDefinitionSchema: z.ZodType<SlaPolicyDefinition> = z
  .object({
    key: keySchema,
    label: z.string().trim().min(1).max(200),
    position: z.number().int().min(0).max(10_000).optional(),
    condition: z.unknown().optional(),
    calendar: keySchema.nullish(),
    targets: targetsSchema,
    warningShare: z.number().gt(0).lt(1).default(DEFAULT_WARNING_SHARE),
    escalations: z.array(escalationSchema).max(10).default([]),
  })
  .strict()
  .superRefine((policy, ctx) => {
    policy.escalations.forEach((step, i) => {
      if (step.level !== i + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['escalations', i, 'level'],
          message: `Expected level ${i + 1}`,
        })
      }
      const previous = policy.escalations[i - 1]
      if (previous && step.afterMinutes < previous.afterMinutes) {
        ctx.addIssue({
          code: 'custom',
          path: ['escalations', i, 'afterMinutes'],
          message: `Expected at least ${previous.afterMinutes} (level ${previous.level}'s offset)`,
        })
      }
    })
    if (policy.calendar) return
    for (const priority of CASE_PRIORITIES) {
      for (const metric of SLA_METRICS) {
        if (policy.targets[priority]?.[metric]?.business === true) {
          ctx.addIssue({
            code: 'custom',
            path: ['targets', priority, metric, 'business'],
            message: 'A business-hours target needs the policy to name a calendar',
          })
        }
      }
    }
  })
  .transform((policy) => ({
    key: policy.key,
    label: policy.label,
    position: policy.position,
    condition: policy.condition ?? null,
    calendar: policy.calendar ?? null,
    targets: policy.targets,
    warningShare: policy.warningShare,
    escalations: policy.escalations,
  }))

/** Does a target count business hours? Explicit `business`, else whenever the policy has a calendar. */
export function isBusinessTarget(target: SlaTarget, calendar: string | null): boolean {
  return target.business ?? calendar !== null
}
