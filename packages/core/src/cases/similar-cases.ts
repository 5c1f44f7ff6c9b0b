import { z } from 'zod'
import { rankSimilarCases, type SimilarCase, searchTermsOf } from '../domain/cases/similar-cases'
import { caseEntity } from '../entities/case-entity'
import type { Case } from '../entities/records'
import { ConfigError, NotFoundError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import type { ServiceDeps } from '../runtime/service-context'

const similarOptions = z.object({ limit: z.number().int().min(1).max(50).default(5) }).strict()

/** How many text matches are ranked again by attributes; the best `limit` of them come back. */
const CANDIDATES = 50

/** Options of `cases.similar`. */
export interface SimilarCasesOptions {
  /**
   * Most cases to return, 1–50.
   * @default 5
   */
  readonly limit?: number
}

/**
 * Similar past cases: solved or closed cases of the tenant whose subject or description share words with
 * the case's (the database's full-text search, English stemming), re-ranked with matching product and
 * category. Needs an adapter with text search. `Custom` types the cases' custom fields.
 */
export function similarCases<Custom = unknown>(deps: ServiceDeps, tenantId: string) {
  return async function similar(
    caseId: string,
    options: SimilarCasesOptions = {},
  ): Promise<SimilarCase<Case<Custom>>[]> {
    const { limit } = validate(similarOptions, options, 'similar cases options')
    const reader = deps.adapter.reader
    if (!deps.adapter.capabilities.textSearch || !reader.searchText) {
      throw new ConfigError(
        `The ${deps.adapter.name} adapter has no full-text search; similar cases need it`,
        {
          details: { capability: 'textSearch' },
        },
      )
    }
    const source = (await reader.get(caseEntity, tenantId, String(caseId))) as unknown as
      | Case<Custom>
      | undefined
    if (!source) throw new NotFoundError('case', String(caseId))
    const terms = searchTermsOf(`${source.subject} ${source.description ?? ''}`)
    const field = (name: string) => deps.catalogs.case.fields.get(name)!
    const hits = await reader.searchText(caseEntity, tenantId, {
      terms,
      filter: {
        kind: 'and',
        items: [
          { kind: 'member', field: field('status'), negate: false, values: ['solved', 'closed'] },
          { kind: 'compare', field: field('id'), op: 'neq', value: source.id },
        ],
      },
      limit: CANDIDATES,
      now: deps.clock.now().toISOString(),
    })
    return rankSimilarCases(
      source,
      hits.map((hit) => ({ record: hit.record as unknown as Case<Custom>, rank: hit.rank })),
      limit,
    )
  }
}
