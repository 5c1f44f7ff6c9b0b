import { runConformanceSuite } from '@rapport/core/testing'
import { sqliteMemoryHarness } from './sqlite-conformance-harness'

runConformanceSuite(sqliteMemoryHarness(), { groups: ['filters', 'filter-limits'] })
