import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createCrm } from '../../api/create-crm'
import { guardedMethodNames } from '../../api/id-arguments'
import { activityEntity } from '../../entities/activity-entity'
import { companyEntity } from '../../entities/company-entity'
import { contactEntity } from '../../entities/contact-entity'
import { dealEntity } from '../../entities/deal-entity'
import { isRapportError, type RapportError, type ValidationError } from '../../errors/rapport-error'
import { uncheckedSort } from '../../filter/unchecked-filter'
import { findTextProblem } from '../../kernel/text'
import { freshTenant, propertyRuns, type SuiteContext } from '../test-kit'

/** Awaits `work` and returns the RapportError it threw; fails when it did not throw one. */
async function rejection(work: () => Promise<unknown>): Promise<RapportError> {
  try {
    await work()
  } catch (error) {
    if (isRapportError(error)) return error
    throw new Error(`Expected a RapportError, got: ${String(error)}`, { cause: error })
  }
  throw new Error('Expected the call to throw')
}

/** The validation error `work` threw, with its first issue's path joined by dots. */
async function validationAt(work: () => Promise<unknown>): Promise<{ error: ValidationError; path: string }> {
  const error = await rejection(work)
  expect(error.code, error.message).toBe('validation')
  // The message must be safe to store and log: it never carries the bad text itself.
  expect(findTextProblem(error.message)).toBeUndefined()
  const issues = (error as ValidationError).issues
  return { error: error as ValidationError, path: issues[0]?.path.map(String).join('.') ?? '' }
}

const NUL = 'a\u0000b'
const LONE_HIGH = 'a\uD800b'
const LONE_LOW = '\uDC00'

/** True when a statement parameter holds bad text, also inside a JSON document (which escapes it). */
function mentionsBadText(value: unknown): boolean {
  if (typeof value === 'string' && /^\s*[[{"]/.test(value)) {
    try {
      if (findTextProblem(JSON.parse(value))) return true
    } catch {
      // Not JSON: checked as text below.
    }
  }
  return findTextProblem(value) !== undefined
}

/**
 * Bad input is a validation error at the edge, never a storage error: text no database stores faithfully,
 * prototype-member keys, values JSON cannot hold, forged cursors, ids of the wrong type, out-of-range
 * instants, unknown references. Each test proves nothing was written and the driver never saw the value.
 */
export function inputHygieneSuite(ctx: SuiteContext) {
  /** Fails when any statement the adapter ran carried text with NUL or an unpaired surrogate. */
  const expectDriverNeverSawBadText = () => {
    const carrying = ctx.queries().filter((q) => mentionsBadText(q.parameters) || mentionsBadText(q.sql))
    expect(carrying.map((q) => q.sql)).toEqual([])
  }

  describe('input hygiene: text', () => {
    it('refuses NUL and unpaired surrogates in fields, tags and custom fields on create, naming the path', async () => {
      const tenantId = freshTenant()
      const t = ctx.crm().tenant(tenantId)
      const cases: [string, Record<string, unknown>][] = [
        ['firstName', { firstName: NUL }],
        ['lastName', { firstName: 'A', lastName: LONE_HIGH }],
        ['tags.1', { firstName: 'A', tags: ['ok', LONE_LOW] }],
        ['custom.note', { firstName: 'A', custom: { note: NUL } }],
        ['custom.address.city', { firstName: 'A', custom: { address: { city: LONE_HIGH } } }],
        ['custom.labels.0', { firstName: 'A', custom: { labels: [NUL] } }],
      ]
      for (const [path, input] of cases) {
        const { path: got, error } = await validationAt(() => t.contacts.create(input as never))
        expect(got, error.message).toBe(path)
        expect(error.message).toMatch(/NUL|surrogate/)
      }
      const bad = await validationAt(() => t.companies.create({ name: `Acme${LONE_LOW}` }))
      expect(bad.path).toBe('name')
      expect(await ctx.countRows(contactEntity, tenantId)).toBe(0)
      expect(await ctx.countRows(companyEntity, tenantId)).toBe(0)
      expect(await ctx.outboxCount(tenantId)).toBe(0)
      expectDriverNeverSawBadText()
    })

    it('refuses bad text on update, in keys of custom values, in createMany, and in ids', async () => {
      const tenantId = freshTenant()
      const t = ctx.crm().tenant(tenantId)
      const ada = await t.contacts.create({ firstName: 'Ada', custom: { note: 'kept' } })
      const v = { expectedVersion: ada.version }
      expect((await validationAt(() => t.contacts.update(ada.id, { city: NUL }, v))).path).toBe('city')
      expect(
        (await validationAt(() => t.contacts.update(ada.id, { custom: { note: LONE_HIGH } }, v))).path,
      ).toBe('custom.note')
      expect(
        (await validationAt(() => t.contacts.update(ada.id, { custom: { [`k${NUL}`]: 1 } as never }, v)))
          .path,
      ).toBe(`custom.k${NUL}`)
      const many = await validationAt(() =>
        t.contacts.createMany([{ firstName: 'Ok' }, { firstName: 'Bad', jobTitle: LONE_LOW }]),
      )
      expect(many.path).toBe('1.jobTitle')
      await validationAt(() => t.contacts.get(`con_${NUL}`))
      await validationAt(() => t.contacts.tryGet(`con_${LONE_HIGH}`))
      await validationAt(() => t.contacts.update(`con_${NUL}`, { city: 'x' }, v))
      await validationAt(() => t.contacts.archive(`${LONE_LOW}`))
      const filtered = await validationAt(() =>
        t.contacts.list({ filter: { field: 'firstName', op: 'contains', value: '\u0000' } }),
      )
      expect(filtered.path).toMatch(/value$/)
      expect(await t.contacts.get(ada.id)).toEqual(ada)
      expect(await ctx.countRows(contactEntity, tenantId)).toBe(1)
      expect(await ctx.outboxCount(tenantId)).toBe(1)
      expectDriverNeverSawBadText()
    })

    it('random text with NUL or a lone surrogate is refused; valid unicode round-trips exactly', async () => {
      const tenantId = freshTenant()
      const t = ctx.crm().tenant(tenantId)
      const runs = Math.max(20, Math.floor(propertyRuns(ctx.harness) / 6))
      const injected = fc
        .tuple(
          fc.string({ unit: 'grapheme', maxLength: 20 }),
          fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDE00\uD83D'),
          fc.string({ unit: 'grapheme', maxLength: 20 }),
        )
        .map(([a, bad, b]) => a + bad + b)
      await fc.assert(
        fc.asyncProperty(injected, fc.constantFrom('firstName', 'city', 'note'), async (text, where) => {
          const input =
            where === 'note' ? { firstName: 'P', custom: { note: text } } : { firstName: 'P', [where]: text }
          const { path } = await validationAt(() => t.contacts.create(input as never))
          expect(path).toBe(where === 'note' ? 'custom.note' : where)
        }),
        { numRuns: runs },
      )
      expect(await ctx.countRows(contactEntity, tenantId)).toBe(0)
      // Valid text of 1-100 characters, astral characters included (trimmed names stay as given).
      const valid = fc
        .tuple(
          fc.string({ unit: 'grapheme', maxLength: 60 }),
          fc.constantFrom('', '😀', '\u{1D49C}', '👩‍👩‍👧', '\u{10FFFD}', '\uFFFD', 'Zoë'),
        )
        .map(([s, astral]) => `x${s}${astral}x`)
        .filter((s) => s.length <= 200)
      await fc.assert(
        fc.asyncProperty(valid, async (text) => {
          const created = await t.contacts.create({ firstName: text, custom: { note: text, labels: [text] } })
          const read = await t.contacts.get(created.id)
          expect(read.firstName).toBe(text)
          expect(read.custom).toEqual({ note: text, labels: [text] })
          const found = await t.contacts.list({ filter: { field: 'firstName', op: 'eq', value: text } })
          expect(found.items.map((c) => c.id)).toContain(created.id)
        }),
        { numRuns: runs },
      )
      expectDriverNeverSawBadText()
    })
  })

  describe('input hygiene: custom field keys and JSON values', () => {
    it('createCrm refuses custom field names that are Object.prototype members', () => {
      for (const name of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty']) {
        const shape = JSON.parse(`{"${name}": 0}`) as Record<string, unknown>
        shape[name] = z.string().optional()
        const error = (() => {
          try {
            createCrm({ adapter: ctx.adapter(), customFields: { contact: z.object(shape as never) } })
          } catch (e) {
            return e
          }
          return undefined
        })()
        expect(isRapportError(error, 'config'), `${name}: ${String(error)}`).toBe(true)
        expect((error as Error).message).toContain(name)
      }
    })

    it('prototype-member keys in input are unknown custom fields, at any depth, on create and update', async () => {
      const tenantId = freshTenant()
      const t = ctx.crm().tenant(tenantId)
      for (const key of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty']) {
        const top = JSON.parse(`{"firstName": "P", "custom": {"${key}": "x"}}`)
        const created = await validationAt(() => t.contacts.create(top))
        expect(created.path).toBe(`custom.${key}`)
        const nested = JSON.parse(`{"firstName": "P", "custom": {"address": {"${key}": "x"}}}`)
        expect((await validationAt(() => t.contacts.create(nested))).path).toBe(`custom.address.${key}`)
      }
      const ada = await t.contacts.create({ firstName: 'Ada' })
      const patch = JSON.parse('{"custom": {"__proto__": {"note": "sneaky"}}}')
      const updated = await validationAt(() =>
        t.contacts.update(ada.id, patch, { expectedVersion: ada.version }),
      )
      expect(updated.path).toBe('custom.__proto__')
      expect((await t.contacts.get(ada.id)).version).toBe(1)
      expect(await ctx.countRows(contactEntity, tenantId)).toBe(1)
    })

    it('refuses custom values JSON cannot hold: bigint, NaN, Infinity, cycles, functions, Dates, undefined in arrays', async () => {
      const tenantId = freshTenant()
      const crm = createCrm({
        adapter: ctx.adapter(),
        clock: ctx.clock,
        customFields: { contact: z.object({ data: z.unknown().optional(), n: z.number().optional() }) },
      })
      const t = crm.tenant(tenantId)
      const cycle: Record<string, unknown> = { a: 1 }
      cycle.self = cycle
      const cases: [string, unknown][] = [
        ['custom.data', 10n],
        ['custom.data.x', { x: Number.NaN }],
        ['custom.data.1', [1, Number.POSITIVE_INFINITY]],
        ['custom.data.self', cycle],
        ['custom.data', () => 1],
        ['custom.data', Symbol('s')],
        ['custom.data', new Date('2026-01-01T00:00:00Z')],
        ['custom.data', new Map([['a', 1]])],
        ['custom.data.1', [1, undefined]],
      ]
      for (const [path, data] of cases) {
        const { path: got, error } = await validationAt(() =>
          t.contacts.create({ firstName: 'J', custom: { data } }),
        )
        expect(got, error.message).toBe(path)
      }
      const ok = await t.contacts.create({ firstName: 'J', custom: { data: { a: [1, 'b', null, true] } } })
      expect((await t.contacts.get(ok.id)).custom).toEqual({ data: { a: [1, 'b', null, true] } })
      const up = await validationAt(() =>
        t.contacts.update(ok.id, { custom: { data: [Number.NaN] } }, { expectedVersion: 1 }),
      )
      expect(up.path).toBe('custom.data.0')
      expect((await t.contacts.get(ok.id)).version).toBe(1)
      expect(await ctx.countRows(contactEntity, tenantId)).toBe(1)
    })
  })

  describe('input hygiene: ids and cursors', () => {
    it('an object, array, number, empty or bad-text id or key is a validation error before any statement', async () => {
      const tenantId = freshTenant()
      const t = ctx.crm().tenant(tenantId)
      const ada = await t.contacts.create({ firstName: 'Ada' })
      const acme = await t.companies.create({ name: 'Acme' })
      const deal = await t.deals.create({ name: 'D', contacts: [{ contactId: ada.id }] })
      const before = await ctx.countRows(contactEntity, tenantId)
      const outbox = await ctx.outboxCount(tenantId)
      const bads: unknown[] = [{ id: ada.id }, [ada.id], 42, '', null, undefined, `x${NUL}`]
      const calls: [string, (bad: never) => Promise<unknown>][] = [
        ['contacts.get', (bad) => t.contacts.get(bad)],
        ['contacts.tryGet', (bad) => t.contacts.tryGet(bad)],
        ['contacts.update', (bad) => t.contacts.update(bad, { city: 'X' }, { expectedVersion: 1 })],
        ['contacts.archive', (bad) => t.contacts.archive(bad)],
        ['contacts.setLifecycleStage', (bad) => t.contacts.setLifecycleStage(bad, 'lead')],
        ['contacts.linkCompany', (bad) => t.contacts.linkCompany(bad, acme.id)],
        ['contacts.linkCompany 2', (bad) => t.contacts.linkCompany(ada.id, bad)],
        ['contacts.timeline', (bad) => t.contacts.timeline(bad)],
        ['companies.get', (bad) => t.companies.get(bad)],
        ['deals.move', (bad) => t.deals.move(bad, 'qualified')],
        ['deals.markWon', (bad) => t.deals.markWon(bad)],
        ['deals.addContact', (bad) => t.deals.addContact(deal.id, bad)],
        ['deals.history', (bad) => t.deals.history(bad)],
        ['leads.convert', (bad) => t.leads.convert(bad)],
        ['cases.solve', (bad) => t.cases.solve(bad)],
        ['sla.clocks', (bad) => t.sla.clocks(bad)],
        ['campaigns.launch', (bad) => t.campaigns.launch(bad)],
        ['segments.get', (bad) => t.segments.get(bad)],
        ['segments.memberIds', (bad) => t.segments.memberIds(bad)],
        ['segments.stream', (bad) => t.segments.stream(bad).next()],
        ['segments.matches', (bad) => t.segments.matches(typeof bad === 'string' ? 'vip' : bad, bad)],
        ['pipelines.get', (bad) => t.pipelines.get(bad)],
        ['sla.calendars.get', (bad) => t.sla.calendars.get(bad)],
        ['sla.policies.get', (bad) => t.sla.policies.get(bad)],
      ]
      for (const [name, call] of calls) {
        for (const bad of bads) {
          const queries = ctx.queries().length
          const error = await rejection(() => call(bad as never))
          expect(error.code, `${name}(${String(bad)}): ${error.message}`).toBe('validation')
          expect(error.message).toMatch(/id|key/)
          expect(ctx.queries().length, `${name} ran a statement`).toBe(queries)
        }
      }
      expect(await ctx.countRows(contactEntity, tenantId)).toBe(before)
      expect(await ctx.countRows(dealEntity, tenantId)).toBe(1)
      expect(await ctx.outboxCount(tenantId)).toBe(outbox)
    })

    it('every method the id check names exists on the tenant API (no typo leaves one unchecked)', () => {
      const t = ctx.crm().tenant(freshTenant()) as unknown as Record<string, unknown>
      const missing = guardedMethodNames().filter((name) => {
        const value = name.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown>)?.[key], t)
        return typeof value !== 'function'
      })
      expect(missing).toEqual([])
    })

    it('a forged or tampered cursor is a validation error that never reaches the driver', async () => {
      const tenantId = freshTenant()
      const t = ctx.crm().tenant(tenantId)
      await t.contacts.createMany(
        ['Ann', 'Bob', 'Cy'].map((firstName, i) => ({ firstName, lastName: `L${i}`, custom: { score: i } })),
      )
      const sorts = [
        [{ field: 'custom.score' }],
        [{ field: 'createdAt', direction: 'desc' as const }],
        [{ field: 'lastName' }],
        [{ field: 'doNotContact' }],
      ]
      const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')
      for (const sort of sorts) {
        const first = await t.contacts.list({ sort: uncheckedSort(sort), limit: 1 })
        expect(first.nextCursor).not.toBeNull()
        const decoded = JSON.parse(Buffer.from(first.nextCursor!, 'base64url').toString('utf8')) as {
          s: string
          a: unknown[]
        }
        const second = await t.contacts.list({
          sort: uncheckedSort(sort),
          limit: 1,
          cursor: first.nextCursor,
        })
        expect(second.items).toHaveLength(1)
        const [value, id] = decoded.a
        const forged: unknown[] = [
          'not base64 at all!',
          encode('just a string'),
          encode({ s: decoded.s, a: [value] }),
          encode({ s: decoded.s, a: [value, id, id] }),
          encode({ s: decoded.s, a: [{ nested: 1 }, id] }),
          encode({ s: decoded.s, a: [['x'], id] }),
          encode({ s: decoded.s, a: [typeof value === 'string' ? 12 : 'abc', id] }),
          encode({ s: decoded.s, a: [value, 7] }),
          encode({ s: decoded.s, a: [value, { id }] }),
          encode({ s: decoded.s, a: [value, ''] }),
          encode({ s: decoded.s, a: [value, `con_${LONE_HIGH}`] }),
          encode({ s: decoded.s, a: [typeof value === 'string' ? `x${LONE_LOW}` : [true], id] }),
          encode({ s: decoded.s, a: ['x'.repeat(5000), id] }),
          { cursor: 'object' },
        ]
        for (const cursor of forged) {
          const queries = ctx.queries().length
          const error = await rejection(() => t.contacts.list({ sort, limit: 1, cursor } as never)).catch(
            (e: Error) => {
              throw new Error(`${JSON.stringify(sort)} ${String(cursor).slice(0, 80)}: ${e.message}`)
            },
          )
          expect(error.code, `${JSON.stringify(sort)} ${String(cursor).slice(0, 60)}: ${error.message}`).toBe(
            'validation',
          )
          expect(ctx.queries().length).toBe(queries)
        }
      }
      // A null in place of a value is a legitimate position (missing values sort last).
      const nulled = encode({ s: 'custom.score:asc', a: [null, 'con_zzz'] })
      expect((await t.contacts.list({ sort: [{ field: 'custom.score' }], cursor: nulled })).items).toEqual([])
    })
  })

  describe('input hygiene: the documented timestamp range', () => {
    it('years 1, 99, 1900 and 9999 round-trip, sort and filter on columns and in custom fields', async () => {
      const tenantId = freshTenant()
      const t = ctx.crm().tenant(tenantId)
      const who = await t.contacts.create({ firstName: 'Old' })
      const instants = [
        '9999-12-31T23:59:59.999Z',
        '0001-01-01T00:00:00.000Z',
        '1900-02-28T12:00:00.000Z',
        '0099-12-31T23:59:59.000Z',
      ]
      const made = []
      for (const at of instants) {
        const activity = await t.activities.create({
          type: 'note',
          body: at,
          occurredAt: at,
          contactIds: [who.id],
        })
        expect(activity.occurredAt).toBe(at)
        expect((await t.activities.get(activity.id)).occurredAt).toBe(at)
        made.push(activity)
        const c = await t.contacts.create({ firstName: `C${at.slice(0, 4)}`, custom: { since: at } })
        expect((await t.contacts.get(c.id)).custom.since).toBe(at)
      }
      const sorted = [...instants].sort()
      const byColumn = await t.activities.list({ sort: [{ field: 'occurredAt' }] })
      expect(byColumn.items.map((a) => a.occurredAt)).toEqual(sorted)
      const early = await t.activities.list({
        filter: { field: 'occurredAt', op: 'lt', value: '1000-01-01T00:00:00.000Z' },
        sort: [{ field: 'occurredAt' }],
      })
      expect(early.items.map((a) => a.occurredAt)).toEqual([
        '0001-01-01T00:00:00.000Z',
        '0099-12-31T23:59:59.000Z',
      ])
      const exact = await t.activities.count({
        filter: { field: 'occurredAt', op: 'eq', value: '0001-01-01T00:00:00Z' },
      })
      expect(exact).toBe(1)
      const byCustom = await t.contacts.list({
        filter: { field: 'custom.since', op: 'lte', value: '1900-02-28T12:00:00.000Z' },
        sort: [{ field: 'custom.since', direction: 'desc' }],
      })
      expect(byCustom.items.map((c) => c.custom.since)).toEqual([
        '1900-02-28T12:00:00.000Z',
        '0099-12-31T23:59:59.000Z',
        '0001-01-01T00:00:00.000Z',
      ])
      // Offsets are applied: 00:30 at +01:00 on 1 January of year 1 is still year 0, outside the range.
      for (const bad of ['0000-12-31T23:59:59.999Z', '0001-01-01T00:30:00+01:00', '10000-01-01T00:00:00Z']) {
        const { path } = await validationAt(() =>
          t.activities.create({ type: 'note', body: 'x', occurredAt: bad, contactIds: [who.id] }),
        )
        expect(path).toBe('occurredAt')
      }
      expect(await ctx.countRows(activityEntity, tenantId)).toBe(made.length)
    })
  })

  describe('input hygiene: references', () => {
    it('deals.primaryCampaignId must name a campaign of the tenant (notFound), on create and update', async () => {
      const tenantId = freshTenant()
      const t = ctx.crm().tenant(tenantId)
      const other = ctx.crm().tenant(freshTenant())
      const plan = { channel: 'email' as const, currency: 'USD' }
      const mine = await t.campaigns.create({ ...plan, name: 'Mine' })
      const theirs = await other.campaigns.create({ ...plan, name: 'Theirs' })
      for (const id of ['cmp_missing', theirs.id]) {
        const error = await rejection(() => t.deals.create({ name: 'D', primaryCampaignId: id }))
        expect(error.code, error.message).toBe('notFound')
        expect(error.message).toContain(id)
      }
      expect(await ctx.countRows(dealEntity, tenantId)).toBe(0)
      const deal = await t.deals.create({ name: 'D', primaryCampaignId: mine.id })
      expect(deal.primaryCampaignId).toBe(mine.id)
      const outbox = await ctx.outboxCount(tenantId)
      const error = await rejection(() =>
        t.deals.update(deal.id, { primaryCampaignId: theirs.id }, { expectedVersion: deal.version }),
      )
      expect(error.code).toBe('notFound')
      expect(await t.deals.get(deal.id)).toEqual(deal)
      expect(await ctx.outboxCount(tenantId)).toBe(outbox)
      const cleared = await t.deals.update(
        deal.id,
        { primaryCampaignId: null },
        { expectedVersion: deal.version },
      )
      expect(cleared.primaryCampaignId).toBeNull()
    })
  })
}
