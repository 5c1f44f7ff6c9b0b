import { z } from 'zod'
import {
  COMPLIANCE_DIMENSIONS,
  COMPLIANCE_PERIODS,
  type ComplianceDimension,
  type CompliancePeriod,
  type ComplianceRow,
  slaCompliance,
} from '../../domain/sla/sla-compliance'
import { slaClockEntity } from '../../entities/sla-clock-entity'
import { slaPolicyEntity } from '../../entities/sla-policy-entity'
import { validate } from '../../errors/validate'
import { type TimestampInput, timestampInput } from '../../kernel/timestamps'
import { findAll } from '../../runtime/find-all'
import type { ServiceDeps } from '../../runtime/service-context'

const complianceOptions = z
  .object({
    from: timestampInput,
    to: timestampInput,
    period: z.enum(COMPLIANCE_PERIODS).default('month'),
    groupBy: z.array(z.enum(COMPLIANCE_DIMENSIONS)).max(2).default(['policy', 'priority']),
  })
  .strict()

/** Options of `sla.reports.compliance`. */
export interface ComplianceOptions {
  /** Clocks started at or after this instant. */
  readonly from: TimestampInput
  /** Clocks started at or before this instant. */
  readonly to: TimestampInput
  /**
   * Calendar period (UTC) of the clock's start.
   * @default 'month'
   */
  readonly period?: CompliancePeriod
  /**
   * Dimensions besides period and metric.
   * @default ['policy', 'priority']
   */
  readonly groupBy?: readonly ComplianceDimension[]
}

/** SLA reports of one tenant. */
export function slaReports(deps: ServiceDeps, tenantId: string) {
  return {
    /**
     * SLA compliance of the clocks started in [from, to]: per period, policy, priority and metric, the met
     * share of decided clocks and the mean and p90 minutes to the reply or solution (business minutes for
     * business targets).
     */
    async compliance(options: ComplianceOptions): Promise<ComplianceRow[]> {
      const opts = validate(complianceOptions, options, 'compliance options')
      const now = deps.clock.now().toISOString()
      const field = deps.catalogs.slaClock.fields.get('startedAt')!
      const clocks = await findAll(
        deps.adapter.reader,
        slaClockEntity,
        tenantId,
        { kind: 'between', field, low: opts.from, high: opts.to },
        now,
      )
      const policies = await findAll(deps.adapter.reader, slaPolicyEntity, tenantId, undefined, now)
      const keys = new Map(policies.map((p) => [p.id, p.key]))
      return slaCompliance(
        clocks.map((clock) => ({ ...clock, policyKey: keys.get(clock.policyId) ?? clock.policyId })),
        opts.period,
        opts.groupBy,
      )
    },
  }
}
