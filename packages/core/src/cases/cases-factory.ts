import type { CustomFieldSchemas, CustomOutput } from '../runtime/custom-field-types'
import { recordApi } from '../runtime/record-api'
import { createRecordService } from '../runtime/record-service'
import type { ServiceDeps } from '../runtime/service-context'
import type { CasesApi, CasesCapability } from './api'
import { caseSpec } from './case-spec'
import { caseWorkflow } from './case-workflow'
import { dissatisfiedCustomers } from './dissatisfied-customers'
import { similarCases } from './similar-cases'
import { businessCalendarsService } from './sla/sla-calendars'
import { slaPoliciesService } from './sla/sla-policies'
import { slaReports } from './sla/sla-reports'
import { slaSweep } from './sla/sla-sweep'

/** Builds the cases capability of one tenant: cases with their messages and SLA clocks, and the SLAs. */
export function createCasesApi<CF extends CustomFieldSchemas>(
  deps: ServiceDeps,
  tenantId: string,
): CasesCapability<CF> {
  type CS = CustomOutput<CF['case']>
  const caseRecords = createRecordService(deps, tenantId, caseSpec<CS>(deps))
  const workflow = caseWorkflow<CS>(deps, tenantId)

  const cases: CasesApi<CF> = {
    ...recordApi(caseRecords),
    setStatus: workflow.setStatus,
    solve: workflow.solve,
    reopen: workflow.reopen,
    close: workflow.close,
    addMessage: workflow.addMessage,
    messages: workflow.messages,
    clocks: workflow.clocks,
    similar: similarCases<CS>(deps, tenantId),
    dissatisfied: dissatisfiedCustomers<CS, CustomOutput<CF['contact']>>(deps, tenantId),
  }
  return {
    cases,
    sla: {
      calendars: businessCalendarsService(deps, tenantId),
      policies: slaPoliciesService(deps, tenantId),
      clocks: workflow.clocks,
      sweep: slaSweep(deps, tenantId),
      reports: slaReports(deps, tenantId),
    },
  }
}
