import type { PipelineStage } from '../domain/pipeline/pipeline-definition'
import type { StageGuard } from '../domain/pipeline/transition-context'
import type { Deal } from '../entities/records'
import { TransitionRefusedError, ValidationError } from '../errors/rapport-error'
import { compilePredicate } from '../filter/compile-predicate'
import { resolveFilter } from '../filter/resolve-filter'
import type { ServiceDeps } from '../runtime/service-context'

/** Does the deal (as it would be) meet the stage's entry requirements? Evaluated in memory. */
export function meetsRequirements(
  deps: ServiceDeps,
  stage: PipelineStage,
  deal: object,
  now: string,
): boolean {
  if (stage.requirements === undefined || stage.requirements === null) return true
  return compilePredicate(resolveFilter(stage.requirements, deps.catalogs.deal)).at(now)(deal)
}

/** The app's guards, bound to the full deal record for one move. */
export function guardsFor(deps: ServiceDeps, record: Deal<unknown>): Record<string, StageGuard> {
  const bound: Record<string, StageGuard> = {}
  for (const [name, guard] of Object.entries(deps.pipelines.guards)) {
    bound[name] = (input) => guard({ ...input, record })
  }
  return bound
}

/** Refuses a deal entering a stage whose requirements it does not meet (at creation). */
export function requireEntry(deps: ServiceDeps, stage: PipelineStage, deal: object, now: string): void {
  if (!meetsRequirements(deps, stage, deal, now)) {
    throw new TransitionRefusedError(`The deal does not meet the requirements of stage "${stage.key}"`, {
      details: { reason: 'requirementsUnmet', toStage: stage.key, fromStage: null },
    })
  }
}

/** Refuses an amount in another currency than the pipeline's. */
export function requireCurrency(amount: { currency: string } | null | undefined, currency: string): void {
  if (amount && amount.currency !== currency) {
    throw new ValidationError(
      `The amount is in ${amount.currency}, but this pipeline's deals are in ${currency}`,
      [
        {
          code: 'custom',
          path: ['amount', 'currency'],
          message: `Expected ${currency}`,
          input: amount.currency,
          params: { expected: currency },
        },
      ],
    )
  }
}
