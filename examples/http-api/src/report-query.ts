import { inputSchemas } from '@rapport/core'
import type { Context } from 'hono'
import type { z } from 'zod'
import { validInput } from './request-input'

/** The model and window of a campaign report, as Rapport's own report schema gives them back. */
export type ReportOptions = Omit<z.output<typeof inputSchemas.campaignReport>, 'campaignIds'>

/**
 * `?model=&halfLifeDays=&wonFrom=&wonTo=` as campaign report options, checked with Rapport's own report
 * schema: an unknown model or a bad date is a 422 with the issues. An empty parameter (`wonFrom=`)
 * counts as absent, so a form can send every field.
 */
export function reportOptionsOf(c: Context): ReportOptions {
  const param = (name: string) => {
    const raw = c.req.query(name)
    return raw === undefined || raw === '' ? undefined : raw
  }
  const halfLifeDays = param('halfLifeDays')
  return validInput(inputSchemas.campaignReport, {
    model: param('model'),
    // A number in the query is text: Number('x') is NaN, which the schema refuses like any bad number.
    halfLifeDays: halfLifeDays === undefined ? undefined : Number(halfLifeDays),
    wonFrom: param('wonFrom'),
    wonTo: param('wonTo'),
  })
}

/**
 * `?ids=a,b,c` as a list of campaign ids (empty when absent). Rapport checks them: an unknown id is a 404,
 * too few or too many to compare a 422.
 */
export function idsParam(c: Context): string[] {
  return (c.req.query('ids') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '')
}
