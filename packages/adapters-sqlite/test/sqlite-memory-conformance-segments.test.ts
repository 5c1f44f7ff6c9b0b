import { runConformanceSuite } from '@rapport/core/testing'
import { sqliteMemoryHarness } from './sqlite-conformance-harness'

runConformanceSuite(sqliteMemoryHarness(), { capabilities: ['segments'] })
