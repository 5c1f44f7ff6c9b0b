import { asciiLower } from '../../kernel/text'

/** Most words of a case's text that go into one similarity search. */
export const MAX_SEARCH_TERMS = 32

/** How much each kind of likeness weighs in a similar case's score (they sum to 1). */
export const SIMILARITY_WEIGHTS = { text: 0.6, product: 0.25, category: 0.15 } as const

// Words too common to tell cases apart. Both databases also stem English words (boots → boot).
const STOPWORDS = new Set(
  (
    'a about after again all am an and any are as at be been before being but by can cannot could did do ' +
    'does doing down during each few for from further had has have having he her here hers him his how i ' +
    'if in into is it its itself just me more most my no nor not now of off on once only or other our out ' +
    'over own same she should so some such than that the their them then there these they this those ' +
    'through to too under until up very was we were what when where which while who whom why will with ' +
    'would you your yours'
  ).split(' '),
)

/**
 * The words of a text worth searching for: lower-cased runs of letters and digits, two or more characters,
 * common English words left out, each once, in order of appearance, at most {@link MAX_SEARCH_TERMS}.
 *
 * @example
 * ```ts
 * searchTermsOf("The laptop won't boot after the update") // ['laptop', 'won', 'boot', 'update']
 * ```
 */
export function searchTermsOf(text: string): string[] {
  const terms = new Set<string>()
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0]
    if (word.length < 2 || STOPWORDS.has(word)) continue
    terms.add(word)
    if (terms.size === MAX_SEARCH_TERMS) break
  }
  return [...terms]
}

/** A past case found by the text search, with its relevance (higher is closer; only comparable within one search). */
export interface TextHit<R> {
  readonly record: R
  readonly rank: number
}

/** What similarity compares besides text. */
export interface CaseAttributes {
  readonly id: string
  readonly product: string | null
  readonly category: string | null
}

/** A similar past case and why it scored as it did. */
export interface SimilarCase<R> {
  readonly case: R
  /** 0–1: {@link SIMILARITY_WEIGHTS} applied to the three likenesses. */
  readonly score: number
  /** 0–1: text relevance relative to the best text match of this search. */
  readonly textScore: number
  readonly sameProduct: boolean
  readonly sameCategory: boolean
}

/**
 * Ranks text matches by text relevance (scaled so the best match is 1) plus matching product and category
 * (compared ignoring ASCII case). Ties go to the better text match, then the lower id.
 *
 * @example
 * ```ts
 * rankSimilarCases({ id: 'case_9', product: 'X1', category: 'hardware' }, hits, 5)
 * ```
 */
export function rankSimilarCases<R extends CaseAttributes>(
  source: CaseAttributes,
  hits: readonly TextHit<R>[],
  limit: number,
): SimilarCase<R>[] {
  const best = Math.max(0, ...hits.map((hit) => hit.rank))
  return hits
    .filter((hit) => hit.record.id !== source.id)
    .map((hit): SimilarCase<R> => {
      const textScore = best > 0 ? hit.rank / best : 0
      const sameProduct = sameValue(source.product, hit.record.product)
      const sameCategory = sameValue(source.category, hit.record.category)
      const score =
        SIMILARITY_WEIGHTS.text * textScore +
        (sameProduct ? SIMILARITY_WEIGHTS.product : 0) +
        (sameCategory ? SIMILARITY_WEIGHTS.category : 0)
      return { case: hit.record, score, textScore, sameProduct, sameCategory }
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.textScore - a.textScore ||
        (a.case.id < b.case.id ? -1 : a.case.id > b.case.id ? 1 : 0),
    )
    .slice(0, limit)
}

function sameValue(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && asciiLower(a.trim()) === asciiLower(b.trim())
}
