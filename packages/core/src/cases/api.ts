import type { CaseStatus } from '../domain/cases/case-vocabulary'
import type { SimilarCase } from '../domain/cases/similar-cases'
import type { ComplianceRow } from '../domain/sla/sla-compliance'
import type { SlaPolicyInput } from '../domain/sla/sla-policy-definition'
import type { BusinessCalendarRecord, CaseMessage, SlaClock, SlaPolicy } from '../entities/records'
import type { FilterFieldsOf } from '../filter/typed-filter'
import type { TimestampInput } from '../kernel/timestamps'
import type { CaseOf, CustomFieldSchemas, CustomInput, CustomOutput } from '../runtime/custom-field-types'
import type { ListOptions } from '../runtime/list-query'
import type { RecordApi, VersionOption } from '../runtime/record-api'
import type { CaseCreateInput, CaseMessageInput, CaseStatusOptions, CaseUpdateInput } from './case-input'
import type { DissatisfiedCase, DissatisfiedOptions } from './dissatisfied-customers'
import type { SimilarCasesOptions } from './similar-cases'
import type { BusinessCalendarInput } from './sla/sla-calendars'
import type { ComplianceOptions } from './sla/sla-reports'
import type { SweepOptions, SweepReport } from './sla/sla-sweep'

/** What `cases.create` takes, with the app's custom fields. */
type CaseCreate<CF extends CustomFieldSchemas> = CaseCreateInput<CustomInput<CF['case']>>
/** What `cases.update` takes, with the app's custom fields. */
type CaseUpdate<CF extends CustomFieldSchemas> = CaseUpdateInput<CustomInput<CF['case']>>

/**
 * Support cases of one tenant; `CF` are the app's custom field schemas.
 *
 * @example
 * ```ts
 * const kase = await t.cases.create({ subject: 'Laptop does not boot', contactId: lena.id, priority: 'high' })
 * await t.cases.addMessage(kase.id, { authorKind: 'agent', body: 'Hold the power button for 10 s.' })
 * await t.cases.solve(kase.id)
 * ```
 */
export interface CasesApi<CF extends CustomFieldSchemas = CustomFieldSchemas>
  extends RecordApi<CaseOf<CF>, CaseCreate<CF>, CaseUpdate<CF>, ListOptions<FilterFieldsOf<CaseOf<CF>>>> {
  /**
   * Moves a case to another status: working statuses (new, open, pending, onHold) move freely among
   * themselves and to solved; solved goes to open (a reopen) or closed; closed is final.
   * @throws InvalidStateError (details.reason = 'statusTransitionNotAllowed')
   */
  setStatus(id: string, status: CaseStatus, options?: CaseStatusOptions): Promise<CaseOf<CF>>
  /**
   * Marks a case solved. Solving answers the case, so every running clock stops at the solve: resolution,
   * and the first- and next-response clocks still waiting for a reply, each met if in time (a solve at the
   * very deadline is in time) and a breached one stays breached.
   */
  solve(id: string, options?: CaseStatusOptions): Promise<CaseOf<CF>>
  /** Takes a solved case back to open: its resolution clock runs again, the solved spell not counted. */
  reopen(id: string, options?: CaseStatusOptions): Promise<CaseOf<CF>>
  /** Closes a solved case for good. */
  close(id: string, options?: CaseStatusOptions): Promise<CaseOf<CF>>
  /**
   * Adds a message. A public agent reply stops the first-response and next-response clocks; a customer
   * message moves a pending case to open, reopens a solved one, and starts a next-response cycle.
   * @throws InvalidStateError on a closed case
   */
  addMessage(caseId: string, input: CaseMessageInput, options?: VersionOption): Promise<CaseMessage>
  /** The messages of a case, oldest first. */
  messages(caseId: string): Promise<CaseMessage[]>
  /** The SLA clocks of a case. */
  clocks(caseId: string): Promise<SlaClock[]>
  /**
   * Solved or closed cases most like this one: shared words in subject and description (full-text search),
   * then the same product and category.
   * @throws ConfigError when the adapter has no full-text search
   */
  similar(caseId: string, options?: SimilarCasesOptions): Promise<SimilarCase<CaseOf<CF>>[]>
  /** Open complaints, unsolved cases with a breached SLA, and low ratings, with their contacts. */
  dissatisfied(
    options?: DissatisfiedOptions,
  ): Promise<DissatisfiedCase<CustomOutput<CF['case']>, CustomOutput<CF['contact']>>[]>
}

/** Stored business calendars of one tenant, named by key in SLA policies. */
export interface BusinessCalendarsApi {
  /** Every calendar, by key. */
  list(): Promise<BusinessCalendarRecord[]>
  /** @throws NotFoundError */
  get(key: string): Promise<BusinessCalendarRecord>
  /** @throws ValidationError (unknown zone, overlapping hours, ...), ConflictError (key taken) */
  create(input: BusinessCalendarInput): Promise<BusinessCalendarRecord>
  /**
   * Replaces label and definition and, in the same transaction, re-times every open clock counting in the
   * calendar: re-measured in the new hours from its original start.
   */
  update(
    key: string,
    input: Omit<BusinessCalendarInput, 'key'>,
    options?: VersionOption,
  ): Promise<BusinessCalendarRecord>
}

/** The ordered SLA policies of one tenant. */
export interface SlaPoliciesApi {
  /** Every policy, archived ones too, in order. */
  list(): Promise<SlaPolicy[]>
  /** @throws NotFoundError */
  get(key: string): Promise<SlaPolicy>
  /** @throws ValidationError, NotFoundError (unknown calendar), ConflictError (key taken) */
  create(input: SlaPolicyInput): Promise<SlaPolicy>
  /**
   * Replaces a policy and, in the same transaction, re-times its open clocks: each takes the new target for
   * its priority and metric, measured from its original start (or is cancelled without one). A new
   * condition or position reaches existing cases at their next update.
   */
  update(key: string, input: SlaPolicyInput, options?: VersionOption): Promise<SlaPolicy>
  /** Archives a policy: no case gets it any more. */
  archive(key: string, options?: VersionOption): Promise<SlaPolicy>
}

/** SLA reports of one tenant. */
export interface SlaReportsApi {
  /** Met %, mean and p90 minutes per period, policy, priority and metric. */
  compliance(options: ComplianceOptions): Promise<ComplianceRow[]>
}

/**
 * SLAs of one tenant: calendars, policies, clocks, the sweep that announces warnings, breaches and
 * escalations, and compliance reports.
 *
 * @example
 * ```ts
 * // Every minute, per tenant:
 * const report = await t.sla.sweep()
 * ```
 */
export interface SlaApi {
  readonly calendars: BusinessCalendarsApi
  readonly policies: SlaPoliciesApi
  /** The SLA clocks of a case. */
  clocks(caseId: string): Promise<SlaClock[]>
  /**
   * Announces every warning, breach and escalation due by `now` (default: the CRM's clock), each exactly
   * once, even when sweeps run at the same time or one fails halfway. A clock that cannot be advanced (a
   * missing calendar, a corrupt row) is skipped and listed in the report's `problems` (and told to
   * `createCrm({ sla: { onSweepError } })`); it never stops the other clocks.
   */
  sweep(now?: TimestampInput, options?: SweepOptions): Promise<SweepReport>
  readonly reports: SlaReportsApi
}

/** The cases capability of one tenant, as `createCasesApi` builds it. */
export interface CasesCapability<CF extends CustomFieldSchemas = CustomFieldSchemas> {
  readonly cases: CasesApi<CF>
  readonly sla: SlaApi
}
