import {
  archivableIdArguments,
  firstArgument,
  type IdArgumentTable,
  idArgumentNames,
  recordIdArguments,
} from '../runtime/id-guard'
import type { TenantCrm } from './tenant-api'

const CONTACT = firstArgument('contact id')
const CONTACT_COMPANY = [
  [0, 'contact id'],
  [1, 'company id'],
] as const
const DEAL = firstArgument('deal id')
const DEAL_CONTACT = [
  [0, 'deal id'],
  [1, 'contact id'],
] as const
const CASE = firstArgument('case id')
const CAMPAIGN = firstArgument('campaign id')
const SEGMENT = firstArgument('segment key')

/**
 * Every tenant API method that takes a record id or key, by API group. One table, typed by the tenant API,
 * so a new method that takes an id is checked by adding one line here (and a misspelt one does not
 * compile); `createTenantCrm` applies it with `guardIdArguments`.
 */
export const TENANT_ID_ARGUMENTS = {
  contacts: {
    ...archivableIdArguments('contact id'),
    setLifecycleStage: CONTACT,
    lifecycleHistory: CONTACT,
    setConsent: CONTACT,
    canContact: CONTACT,
    linkCompany: CONTACT_COMPANY,
    updateCompanyLink: CONTACT_COMPANY,
    unlinkCompany: CONTACT_COMPANY,
    companies: CONTACT,
    timeline: CONTACT,
    deals: CONTACT,
  },
  companies: {
    ...archivableIdArguments('company id'),
    contacts: firstArgument('company id'),
    timeline: firstArgument('company id'),
  },
  activities: {
    ...recordIdArguments('activity id'),
    complete: firstArgument('activity id'),
    reopen: firstArgument('activity id'),
  },
  deals: {
    ...archivableIdArguments('deal id'),
    move: DEAL,
    markWon: DEAL,
    markLost: DEAL,
    reopen: DEAL,
    history: DEAL,
    addContact: DEAL_CONTACT,
    removeContact: DEAL_CONTACT,
    contacts: DEAL,
    timeline: DEAL,
  },
  purchases: recordIdArguments('purchase id'),
  leads: { convert: CONTACT },
  rfm: { of: CONTACT },
  cases: {
    ...recordIdArguments('case id'),
    setStatus: CASE,
    solve: CASE,
    reopen: CASE,
    close: CASE,
    addMessage: CASE,
    messages: CASE,
    clocks: CASE,
    similar: CASE,
  },
  sla: {
    clocks: CASE,
    calendars: { get: firstArgument('calendar key'), update: firstArgument('calendar key') },
    policies: {
      get: firstArgument('policy key'),
      update: firstArgument('policy key'),
      archive: firstArgument('policy key'),
    },
  },
  pipelines: {
    get: firstArgument('pipeline key'),
    update: firstArgument('pipeline key'),
    archive: firstArgument('pipeline key'),
  },
  segments: {
    get: SEGMENT,
    update: SEGMENT,
    delete: SEGMENT,
    addMembers: SEGMENT,
    removeMembers: SEGMENT,
    count: SEGMENT,
    members: SEGMENT,
    stream: SEGMENT,
    memberIds: SEGMENT,
    // The record may be given as an object (checked by the segment); only a string id is checked here.
    matches: [
      [0, 'segment key'],
      [1, 'record id', 'whenString'],
    ],
    diff: SEGMENT,
    audience: SEGMENT,
  },
  campaigns: {
    ...recordIdArguments('campaign id'),
    launch: CAMPAIGN,
    finish: CAMPAIGN,
    recordTouches: CAMPAIGN,
    recordCost: CAMPAIGN,
    costs: CAMPAIGN,
    members: CAMPAIGN,
    touches: CAMPAIGN,
  },
} as const satisfies IdArgumentTable<TenantCrm>

/** Every guarded method as `group.method` (`sla.calendars.get`), for a test that they all exist. */
export function guardedMethodNames(): string[] {
  return idArgumentNames(TENANT_ID_ARGUMENTS)
}
