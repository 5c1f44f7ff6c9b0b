import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources, so no build is needed before `pnpm test`.
    alias: [
      { find: /^@rapport\/core\/storage$/, replacement: src('./packages/core/src/storage.ts') },
      { find: /^@rapport\/core\/sql$/, replacement: src('./packages/core/src/sql/index.ts') },
      { find: /^@rapport\/core\/testing$/, replacement: src('./packages/core/src/testing/index.ts') },
      { find: /^@rapport\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@rapport\/sqlite$/, replacement: src('./packages/adapters-sqlite/src/index.ts') },
      { find: /^@rapport\/postgres$/, replacement: src('./packages/adapters-postgres/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts', 'docs/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
