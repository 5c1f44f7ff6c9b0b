import { parseRecordId } from '../runtime/record-id'
import type { TenantCrm } from './tenant-api'

/** For each API method that takes record ids or keys: the positions of those arguments and what they name. */
type IdArguments = Readonly<
  Record<string, readonly (readonly [position: number, what: string, only?: 'whenString'])[]>
>

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
  pipelines: { get: ONE('pipeline key'), update: ONE('pipeline key'), archive: ONE('pipeline key') },
  segments: {
    get: ONE('segment key'),
    update: ONE('segment key'),
    delete: ONE('segment key'),
    addMembers: ONE('segment key'),
    removeMembers: ONE('segment key'),
    count: ONE('segment key'),
    members: ONE('segment key'),
    stream: ONE('segment key'),
    memberIds: ONE('segment key'),
    // The record may be given as an object (checked by the segment); only a string id is checked here.
    matches: [
      [0, 'segment key'],
      [1, 'record id', 'whenString'],
    ],
    diff: ONE('segment key'),
    audience: ONE('segment key'),
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

// The SLA group nests its APIs one level down.
const SLA_ID_ARGUMENTS: IdArguments = { clocks: ONE('case id') }
const CALENDAR_KEY: IdArguments = { get: ONE('calendar key'), update: ONE('calendar key') }
const POLICY_KEY: IdArguments = {
  get: ONE('policy key'),
  update: ONE('policy key'),
  archive: ONE('policy key'),
}

// Methods that return an async iterator rather than a promise: the check runs on the first `next()`.
const GENERATORS = new Set(['stream'])

function checkIds(positions: IdArguments[string], args: readonly unknown[]): void {
  for (const [position, what, only] of positions) {
    if (only === 'whenString' && typeof args[position] !== 'string') continue
    parseRecordId(args[position], what)
  }
}

type Method = (...args: unknown[]) => unknown

function guardGroup<G extends object>(group: G, table: IdArguments): G {
  const guarded = { ...group } as Record<string, unknown>
  for (const [name, positions] of Object.entries(table)) {
    const method = guarded[name]
    if (typeof method !== 'function') continue
    guarded[name] = GENERATORS.has(name)
      ? async function* (this: unknown, ...args: unknown[]) {
          checkIds(positions, args)
          yield* (method as (...a: unknown[]) => AsyncIterable<unknown>).apply(this, args)
        }
      : function (this: unknown, ...args: unknown[]) {
          try {
            checkIds(positions, args)
          } catch (error) {
            // Async methods report it as a rejection, like every other error they raise.
            return Promise.reject(error)
          }
          return (method as Method).apply(this, args)
        }
  }
  return guarded as G
}

/** Every guarded method as `group.method` (`sla.calendars.get`), for a test that they all exist. */
export function guardedMethodNames(): string[] {
  const names = (prefix: string, table: IdArguments) => Object.keys(table).map((m) => `${prefix}.${m}`)
  return [
    ...Object.entries(ID_ARGUMENTS).flatMap(([group, table]) => names(group, table)),
    ...names('sla', SLA_ID_ARGUMENTS),
    ...names('sla.calendars', CALENDAR_KEY),
    ...names('sla.policies', POLICY_KEY),
  ]
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
  out.sla = guardGroup(
    {
      ...crm.sla,
      calendars: guardGroup(crm.sla.calendars, CALENDAR_KEY),
      policies: guardGroup(crm.sla.policies, POLICY_KEY),
    },
    SLA_ID_ARGUMENTS,
  )
  return out as unknown as TenantCrm
}
