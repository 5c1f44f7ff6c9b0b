import { runConformanceSuite } from '@rapport/core/testing'
import { postgresConformanceHarness } from './postgres-conformance-harness'

runConformanceSuite(postgresConformanceHarness(), { capabilities: ['customers', 'runtime'] })
