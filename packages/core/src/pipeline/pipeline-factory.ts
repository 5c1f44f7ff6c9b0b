import type { CustomersServices } from '../customers/api'
import type { CustomFieldSchemas, CustomOutput } from '../runtime/custom-field-types'
import { archivableApi, recordApi } from '../runtime/record-api'
import { createRecordService } from '../runtime/record-service'
import type { ServiceDeps } from '../runtime/service-context'
import type { DealsApi, LeadsApi, PipelineCapability } from './api'
import { dealContacts } from './deal-contacts'
import { dealForecast } from './deal-forecast'
import { dealHistory } from './deal-history'
import { dealMoves } from './deal-moves'
import { dealReports } from './deal-reports'
import { dealSpec } from './deal-spec'
import { leadConversion } from './lead-conversion'
import { pipelinesService } from './pipelines'

/**
 * Builds the pipeline capability of one tenant: pipelines, deals (moves, contacts, history, timeline,
 * forecast, reports) and lead conversion, which writes companies and links through `customers`.
 */
export function createPipelineApi<CF extends CustomFieldSchemas>(
  deps: ServiceDeps,
  tenantId: string,
  customers: CustomersServices<CF>,
): PipelineCapability<CF> {
  type CD = CustomOutput<CF['deal']>
  const dealRecords = createRecordService(deps, tenantId, dealSpec<CD>(deps))
  const moves = dealMoves<CD>(deps, tenantId)
  const roles = dealContacts<CustomOutput<CF['contact']>>(deps, tenantId)

  const deals: DealsApi<CF> = {
    ...recordApi(dealRecords),
    ...archivableApi(dealRecords),
    move: moves.move,
    markWon: moves.markWon,
    markLost: moves.markLost,
    reopen: moves.reopen,
    history: dealHistory(deps, tenantId),
    addContact: roles.addContact,
    removeContact: roles.removeContact,
    contacts: roles.contactsOf,
    timeline: (id, options) => customers.timelineOf('deal', id, options),
    forecast: dealForecast(deps, tenantId),
    reports: dealReports(deps, tenantId),
  }
  const leads: LeadsApi<CF> = leadConversion<CF>(deps, tenantId, {
    customers,
    createDealIn: dealRecords.createIn,
  })

  return {
    pipelines: pipelinesService(deps, tenantId),
    deals,
    leads,
  }
}
