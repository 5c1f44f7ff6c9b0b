import { z } from 'zod'
import { validate } from '../../errors/validate'
import {
  closedStageForecastCategory,
  FORECAST_CATEGORIES,
  type ForecastCategory,
} from './forecast-categories'

/**
 * One stage of a pipeline. Stages are plain data, so a tenant can store and edit its pipelines.
 *
 * @example
 * ```ts
 * const proposal: PipelineStage = {
 *   key: 'proposal', label: 'Proposal', probability: 0.5, forecastCategory: 'bestCase',
 *   isClosed: false, isWon: false, rotDays: 14, guards: ['hasDecisionMaker'],
 * }
 * ```
 */
export interface PipelineStage {
  /** Identifier-like and unique in its pipeline: a letter, then letters, digits or `_` (at most 64). */
  readonly key: string
  /** What users see. */
  readonly label: string
  /** Chance of winning a deal in this stage, 0–1. A won stage has 1, a lost stage 0. */
  readonly probability: number
  /** Forecast category of deals in this stage; `closed` for a won stage, `omitted` for a lost one. */
  readonly forecastCategory: ForecastCategory
  /** Deals in a closed stage are finished (won or lost); leaving one needs an explicit reopen. */
  readonly isClosed: boolean
  /** A won stage; only a closed stage can be won. */
  readonly isWon: boolean
  /** Days without activity or update after which a deal in this (open) stage rots. */
  readonly rotDays?: number
  /**
   * A segment filter a deal must satisfy to enter this stage (e.g. "amount is set"). Opaque here: the
   * caller evaluates it and answers through `TransitionContext.requirementsMet`. Absent or null: none.
   */
  readonly requirements?: unknown
  /** Names of guard functions, registered by the app, that must all accept a deal entering this stage. */
  readonly guards?: readonly string[]
}

/** One allowed move, listed by a pipeline that restricts its moves. */
export interface StageTransition {
  /** Key of an open stage. */
  readonly from: string
  /** Key of any other stage. */
  readonly to: string
}

/**
 * A pipeline: ordered stages and, optionally, the only moves allowed out of open stages.
 *
 * Without `transitions` a deal may move from any open stage to any other stage. With them it may make only
 * the listed moves. Either way a deal leaves a closed stage only by an explicit reopen, which may go to any
 * stage, so `transitions` lists moves out of open stages only.
 *
 * @example
 * ```ts
 * const pipeline = parsePipelineDefinition({
 *   key: 'renewals', label: 'Renewals',
 *   stages: [
 *     { key: 'due', label: 'Due', probability: 0.6, forecastCategory: 'pipeline',
 *       isClosed: false, isWon: false },
 *     { key: 'renewed', label: 'Renewed', probability: 1, forecastCategory: 'closed',
 *       isClosed: true, isWon: true },
 *     { key: 'churned', label: 'Churned', probability: 0, forecastCategory: 'omitted',
 *       isClosed: true, isWon: false },
 *   ],
 * })
 * ```
 */
export interface PipelineDefinition {
  /** Identifier-like key of the pipeline, unique in its tenant. */
  readonly key: string
  /** What users see. */
  readonly label: string
  /** The stages in display order; at least one is open. */
  readonly stages: readonly PipelineStage[]
  /** When present, the only moves allowed out of open stages (at least one). */
  readonly transitions?: readonly StageTransition[]
}

const identifierKey = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]{0,63}$/,
    'Expected an identifier like "closedWon": a letter, then letters, digits or _ (at most 64 characters)',
  )

const label = z.string().trim().min(1, 'Expected a non-empty label').max(200)

// Strict objects: a typo such as `rotdays` in stored configuration must fail loudly, not vanish.
const stageSchema = z
  .strictObject({
    key: identifierKey,
    label,
    probability: z
      .number()
      .min(0, 'Expected a probability from 0 to 1')
      .max(1, 'Expected a probability from 0 to 1'),
    forecastCategory: z.enum(FORECAST_CATEGORIES),
    isClosed: z.boolean(),
    isWon: z.boolean(),
    rotDays: z.number().int().positive('Expected rotDays to be a whole number of days above 0').optional(),
    requirements: z.unknown().optional(),
    guards: z.array(identifierKey).optional(),
  })
  .superRefine((stage, ctx) => {
    if (stage.isWon && !stage.isClosed) {
      ctx.addIssue({
        code: 'custom',
        path: ['isWon'],
        message: 'A won stage must be closed (isClosed: true)',
      })
      return
    }
    if (stage.isClosed) {
      const expected = closedStageForecastCategory(stage.isWon)
      const outcome = stage.isWon ? 'won' : 'lost'
      if (stage.forecastCategory !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: ['forecastCategory'],
          message: `A ${outcome} stage must have forecastCategory "${expected}"`,
        })
      }
      const probability = stage.isWon ? 1 : 0
      if (stage.probability !== probability) {
        ctx.addIssue({
          code: 'custom',
          path: ['probability'],
          message: `A ${outcome} stage must have probability ${probability}`,
        })
      }
      if (stage.rotDays !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['rotDays'],
          message: 'Closed stages do not rot; remove rotDays',
        })
      }
    } else if (stage.forecastCategory === 'closed') {
      ctx.addIssue({
        code: 'custom',
        path: ['forecastCategory'],
        message:
          'forecastCategory "closed" is for won stages; an open stage uses omitted, pipeline, bestCase ' +
          'or commit',
      })
    }
  })

const transitionSchema = z.strictObject({ from: identifierKey, to: identifierKey })

/**
 * Validates a {@link PipelineDefinition}: identifier-like unique stage keys, at least one open stage,
 * won ⇒ closed, closed stages with their fixed probability and forecast category, and transitions between
 * existing, distinct stages, out of open stages only, each listed once.
 */
export const pipelineDefinitionSchema = z
  .strictObject({
    key: identifierKey,
    label,
    stages: z.array(stageSchema).min(1, 'Expected at least one stage'),
    transitions: z
      .array(transitionSchema)
      .min(1, 'List at least one transition, or leave transitions out to allow any move')
      .optional(),
  })
  .superRefine((pipeline, ctx) => {
    const stagesByKey = new Map<string, (typeof pipeline.stages)[number]>()
    pipeline.stages.forEach((stage, index) => {
      if (stagesByKey.has(stage.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['stages', index, 'key'],
          message: `Stage key "${stage.key}" is used twice`,
        })
      }
      stagesByKey.set(stage.key, stage)
    })
    if (pipeline.stages.length > 0 && pipeline.stages.every((stage) => stage.isClosed)) {
      ctx.addIssue({ code: 'custom', path: ['stages'], message: 'Expected at least one open stage' })
    }
    const listed = new Set<string>()
    pipeline.transitions?.forEach((move, index) => {
      const path = ['transitions', index]
      const from = stagesByKey.get(move.from)
      if (from === undefined) {
        ctx.addIssue({ code: 'custom', path: [...path, 'from'], message: `Unknown stage "${move.from}"` })
      } else if (from.isClosed) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'from'],
          message: `Stage "${move.from}" is closed: a deal leaves it only by reopen, to any stage`,
        })
      }
      if (!stagesByKey.has(move.to)) {
        ctx.addIssue({ code: 'custom', path: [...path, 'to'], message: `Unknown stage "${move.to}"` })
      }
      if (move.from === move.to) {
        ctx.addIssue({ code: 'custom', path, message: 'A transition must go to another stage' })
      }
      const id = `${move.from}\u0000${move.to}`
      if (listed.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `Transition ${move.from} → ${move.to} is listed twice`,
        })
      }
      listed.add(id)
    })
  })

/**
 * Validates a pipeline definition (e.g. one read from tenant configuration) and returns it typed.
 *
 * @throws ValidationError (code `validation`) naming the first problem and carrying every zod issue.
 * @example
 * ```ts
 * const pipeline = parsePipelineDefinition(JSON.parse(row.definition))
 * ```
 */
export function parsePipelineDefinition(input: unknown): PipelineDefinition {
  return validate(pipelineDefinitionSchema, input, 'pipeline definition')
}

/** The stage with this key, or undefined. */
export function findStage(pipeline: PipelineDefinition, stageKey: string): PipelineStage | undefined {
  // A loop over a handful of stages beats building a Map on every call.
  const stages = pipeline.stages
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i]!
    if (stage.key === stageKey) return stage
  }
  return undefined
}
