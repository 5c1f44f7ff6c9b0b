import { parseRecordId } from '../inputs/record-id'
import type { TenantCrm } from './tenant-api'

/** For each API method that takes record ids: the positions of those arguments and what they name. */
type IdArguments = Readonly<Record<string, readonly (readonly [position: number, what: string])[]>>

const ONE = (what: string) => [[0, what]] as const

const RECORD = (what: string): IdArguments => ({
  get: ONE(what),
  tryGet: ONE(what),
  update: ONE(what),
  archive: ONE(what),
  restore: ONE(what),
})

const CONTACT_COMPANY = [
  [0, 'contact id'],
  [1, 'company id'],
] as const
const DEAL_CONTACT = [
  [0, 'deal id'],
  [1, 'contact id'],
] as const

/**
 * Every tenant API method that takes a record id, by API group. One table, so a new method that takes an
 * id is checked by adding one line here; `guardIdArguments` applies it.
 */
const ID_ARGUMENTS: Readonly<Record<string, IdArguments>> = {
  contacts: {
    ...RECORD('contact id'),
    setLifecycleStage: ONE('contact id'),
    lifecycleHistory: ONE('contact id'),
    setConsent: ONE('contact id'),
    canContact: ONE('contact id'),
    linkCompany: CONTACT_COMPANY,
    updateCompanyLink: CONTACT_COMPANY,
    unlinkCompany: CONTACT_COMPANY,
    companies: ONE('contact id'),
    timeline: ONE('contact id'),
    deals: ONE('contact id'),
  },
  companies: { ...RECORD('company id'), contacts: ONE('company id'), timeline: ONE('company id') },
  activities: { ...RECORD('activity id'), complete: ONE('activity id'), reopen: ONE('activity id') },
  deals: {
    ...RECORD('deal id'),
    move: ONE('deal id'),
    markWon: ONE('deal id'),
    markLost: ONE('deal id'),
    reopen: ONE('deal id'),
    history: ONE('deal id'),
    addContact: DEAL_CONTACT,
    removeContact: DEAL_CONTACT,
    contacts: ONE('deal id'),
    timeline: ONE('deal id'),
  },
  purchases: RECORD('purchase id'),
  leads: { convert: ONE('contact id') },
  rfm: { of: ONE('contact id') },
  cases: {
    ...RECORD('case id'),
    setStatus: ONE('case id'),
    solve: ONE('case id'),
    reopen: ONE('case id'),
    close: ONE('case id'),
    addMessage: ONE('case id'),
    messages: ONE('case id'),
    clocks: ONE('case id'),
    similar: ONE('case id'),
  },
  campaigns: {
    ...RECORD('campaign id'),
    launch: ONE('campaign id'),
    finish: ONE('campaign id'),
    recordTouches: ONE('campaign id'),
    recordCost: ONE('campaign id'),
    costs: ONE('campaign id'),
    members: ONE('campaign id'),
    touches: ONE('campaign id'),
  },
}

// `sla.clocks(caseId)` lives one level down.
const SLA_ID_ARGUMENTS: IdArguments = { clocks: ONE('case id') }

type Method = (...args: unknown[]) => unknown

function guardGroup<G extends object>(group: G, table: IdArguments): G {
  const guarded = { ...group } as Record<string, unknown>
  for (const [name, positions] of Object.entries(table)) {
    const method = guarded[name]
    if (typeof method !== 'function') continue
    guarded[name] = function (this: unknown, ...args: unknown[]) {
      for (const [position, what] of positions) {
        try {
          parseRecordId(args[position], what)
        } catch (error) {
          // Async methods report it as a rejection, like every other error they raise.
          return Promise.reject(error)
        }
      }
      return (method as Method).apply(this, args)
    }
  }
  return guarded as G
}

/**
 * Wraps the tenant API so every record id a caller passes is checked before any service runs: an
 * object, an array, a number, an empty string or text with NUL is a `validation` error that names the
 * argument, and never reaches the driver.
 */
export function guardIdArguments(crm: TenantCrm): TenantCrm {
  const out: Record<string, unknown> = { ...crm }
  for (const [group, table] of Object.entries(ID_ARGUMENTS)) {
    const api = out[group]
    if (api !== null && typeof api === 'object') out[group] = guardGroup(api, table)
  }
  out.sla = guardGroup(crm.sla, SLA_ID_ARGUMENTS)
  return out as unknown as TenantCrm
}
