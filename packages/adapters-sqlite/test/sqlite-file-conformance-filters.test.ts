import { runConformanceSuite } from '@rapport/core/testing'
import { sqliteFileHarness } from './sqlite-conformance-harness'

runConformanceSuite(sqliteFileHarness(), { capabilities: ['filters'] })
