import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    storage: 'src/storage.ts',
    sql: 'src/sql/index.ts',
    testing: 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  // One shared chunk per format: every entry (index, storage, sql, testing) then uses the same RapportError
  // class, so an error thrown through @rapport/core/sql is still a RapportError in @rapport/core (CJS too).
  splitting: true,
  // nanoid 5 is ESM-only; Node before 20.19 cannot require() it, so the CJS build carries its own copy.
  noExternal: ['nanoid'],
  dts: true,
  tsconfig: 'tsconfig.build.json',
  clean: true,
  sourcemap: true,
  target: 'node20',
})
