import { migrateCrashSuite } from './fixtures/migrate-crash-suite'

// Part 2 of the kill points of a Postgres migrate; see migrate-crash-suite.ts.
migrateCrashSuite(2, 3)
