// Support cases: the vocabulary, the status moves, and similarity ranking. Pure.

export { CASE_STATUS_TRANSITIONS, type CaseStatusMove, caseStatusMove } from './case-status'
export * from './case-vocabulary'
export {
  type CaseAttributes,
  MAX_SEARCH_TERMS,
  rankSimilarCases,
  SIMILARITY_WEIGHTS,
  type SimilarCase,
  searchTermsOf,
  type TextHit,
} from './similar-cases'
