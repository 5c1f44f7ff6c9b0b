import type { PipelineDefinition } from './pipeline-definition'

/**
 * A ready-made B2B sales pipeline, with Salesforce-like probabilities and forecast categories. Any open
 * stage may move to any stage; won and lost are closed.
 *
 * | stage         | probability | forecast category |
 * | ------------- | ----------- | ----------------- |
 * | qualification | 0.1         | pipeline          |
 * | needsAnalysis | 0.2         | pipeline          |
 * | proposal      | 0.5         | bestCase          |
 * | negotiation   | 0.8         | commit            |
 * | closedWon     | 1           | closed            |
 * | closedLost    | 0           | omitted           |
 *
 * @example
 * ```ts
 * const result = transition(DEFAULT_SALES_PIPELINE, deal, 'proposal', { now: clock.now().toISOString() })
 * ```
 */
export const DEFAULT_SALES_PIPELINE: PipelineDefinition = {
  key: 'sales',
  label: 'Sales',
  stages: [
    {
      key: 'qualification',
      label: 'Qualification',
      probability: 0.1,
      forecastCategory: 'pipeline',
      isClosed: false,
      isWon: false,
    },
    {
      key: 'needsAnalysis',
      label: 'Needs analysis',
      probability: 0.2,
      forecastCategory: 'pipeline',
      isClosed: false,
      isWon: false,
    },
    {
      key: 'proposal',
      label: 'Proposal',
      probability: 0.5,
      forecastCategory: 'bestCase',
      isClosed: false,
      isWon: false,
    },
    {
      key: 'negotiation',
      label: 'Negotiation',
      probability: 0.8,
      forecastCategory: 'commit',
      isClosed: false,
      isWon: false,
    },
    {
      key: 'closedWon',
      label: 'Closed won',
      probability: 1,
      forecastCategory: 'closed',
      isClosed: true,
      isWon: true,
    },
    {
      key: 'closedLost',
      label: 'Closed lost',
      probability: 0,
      forecastCategory: 'omitted',
      isClosed: true,
      isWon: false,
    },
  ],
}
