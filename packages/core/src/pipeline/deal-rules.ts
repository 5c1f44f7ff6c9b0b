import type { PipelineStage } from '../domain/pipeline/pipeline-definition'
import type { StageGuard } from '../domain/pipeline/transition-context'
import type { Deal } from '../entities/records'
import { TransitionRefusedError, ValidationError } from '../errors/rapport-error'
import { type CompiledPredicate, compilePredicate } from '../filter/compile-predicate'
import { resolveFilter } from '../filter/resolve-filter'
import type { CommandContext, ServiceDeps } from '../runtime/service-context'

/** What checking a stage's requirements needs of the command: its tenant and its instant. */
type MoveMoment = Pick<CommandContext, 'tenantId' | 'now'>

/** What checking a stage's requirements needs of the Crm: the deal catalog and the compiled-rule caches. */
type RequirementDeps = Pick<ServiceDeps, 'catalogs' | 'caches'>

/**
 * A stage's entry requirements, compiled; null when it has none. Compiled once per tenant and requirements
 * (the Crm's `stageRequirements` cache), then bound to each move's instant, so relative dates measure from
 * the move. Keyed by the requirements themselves, never a pipeline's version: a version read inside a
 * transaction that rolls back may be committed next by a different edit, which must not find these.
 */
export function stageRequirements(
  deps: RequirementDeps,
  tenantId: string,
  stage: PipelineStage,
): CompiledPredicate | null {
  const requirements = stage.requirements
  if (requirements === undefined || requirements === null) return null
  return deps.caches.stageRequirements.getOrCompute(`${tenantId}\u0000${JSON.stringify(requirements)}`, () =>
    compilePredicate(resolveFilter(requirements, deps.catalogs.deal)),
  )
}

/** Does the deal (as it would be) meet the stage's entry requirements at the command's instant? In memory. */
export function meetsRequirements(
  deps: RequirementDeps,
  ctx: MoveMoment,
  stage: PipelineStage,
  deal: object,
): boolean {
  const predicate = stageRequirements(deps, ctx.tenantId, stage)
  return predicate === null || predicate.at(ctx.now)(deal)
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
export function requireEntry(
  deps: RequirementDeps,
  ctx: MoveMoment,
  stage: PipelineStage,
  deal: object,
): void {
  if (!meetsRequirements(deps, ctx, stage, deal)) {
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
