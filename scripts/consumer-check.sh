#!/usr/bin/env bash
# Consumer check: Rapport as an app outside the workspace meets it. Packs @rapport/core, @rapport/sqlite and
# @rapport/postgres, installs the tarballs with npm into a temp project, then runs
#   - an ESM and a CJS program on SQLite: create, filter, and a version conflict caught by isRapportError
#     (and by instanceof) inside a transaction, which crosses the core/sql entry points; both also load the
#     adapter contract from @rapport/core/storage;
#   - TypeScript with skipLibCheck off, under module node16 and under moduleResolution bundler (an adapter
#     typed as the StoragePort of @rapport/core/storage).
# It also checks that the CJS build never require()s an ESM-only package (Node < 20.19 cannot).
# Run from the project root: bash scripts/consumer-check.sh   (CI runs it after the tests)
set -uo pipefail
proj=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pnpm -s build >"$work/build.log" 2>&1 || { tail -n 20 "$work/build.log"; echo "consumer check: build failed"; exit 1; }
mkdir -p "$work/tgz" "$work/app"
for p in core adapters-sqlite adapters-postgres; do
  (cd "packages/$p" && pnpm pack --pack-destination "$work/tgz" >/dev/null) || { echo "consumer check: pack $p failed"; exit 1; }
done
for t in "$work"/tgz/*.tgz; do
  listing=$(tar -tzf "$t")
  for f in package/README.md package/LICENSE; do
    grep -qx "$f" <<<"$listing" || { echo "consumer check: $(basename "$t") lacks $f"; exit 1; }
  done
done
if grep -lE "require\(['\"](nanoid)['\"]\)" packages/core/dist/*.cjs; then
  echo "consumer check: the CJS build requires an ESM-only package"; exit 1
fi

cd "$work/app"
echo '{ "name": "consumer", "private": true, "version": "0.0.0" }' > package.json
ver() { node -p "require('$proj/node_modules/$1/package.json').version"; }
npm install --ignore-scripts --no-audit --no-fund "$work"/tgz/*.tgz "zod@$(ver zod)" "better-sqlite3@$(ver better-sqlite3)" \
  "kysely@$(ver kysely)" pg typescript@5.9 @types/node@20 >"$work/npm.log" 2>&1 \
  || { tail -n 20 "$work/npm.log"; echo "consumer check: npm install failed"; exit 1; }
# Reuse the workspace's compiled better-sqlite3 binary instead of compiling it again.
bin=$(find "$proj/node_modules/.pnpm" -path '*better-sqlite3*/build/Release/better_sqlite3.node' | head -n 1)
mkdir -p node_modules/better-sqlite3/build/Release && cp "$bin" node_modules/better-sqlite3/build/Release/

cat > body.txt <<'J'
const crm = createCrm({
  adapter: sqliteAdapter({ filename: ':memory:' }),
  customFields: { contact: z.object({ tier: z.enum(['a', 'b']).optional() }) },
})
await crm.migrate()
if (!ALL_ENTITIES.some((e) => e.name === 'contact')) throw new Error('@rapport/core/storage lacks the contact entity')
const t = crm.tenant('acme')
const c = await t.contacts.create({ firstName: 'Ada', custom: { tier: 'a' } })
const page = await t.contacts.list({ filter: { field: 'custom.tier', op: 'eq', value: 'a' } })
if (page.items.length !== 1) throw new Error('the filter found ' + page.items.length + ' contacts, expected 1')
await t.contacts.update(c.id, { city: 'X' }, { expectedVersion: 1 })
try {
  await t.contacts.update(c.id, { city: 'Y' }, { expectedVersion: 1 })
  throw new Error('no conflict')
} catch (e) {
  if (!isRapportError(e, 'conflict') || !(e instanceof RapportError)) {
    console.error(`${FORMAT}: expected a conflict RapportError, got`, e?.code, e?.name)
    process.exit(1)
  }
}
await crm.close()
console.log(`${FORMAT} ok`)
J
{ echo "import { createCrm, isRapportError, RapportError } from '@rapport/core'"
  echo "import { ALL_ENTITIES } from '@rapport/core/storage'"
  echo "import { sqliteAdapter } from '@rapport/sqlite'"
  echo "import { z } from 'zod'"
  echo "const FORMAT = 'esm'"
  cat body.txt; } > prog.mjs
{ echo "const { createCrm, isRapportError, RapportError } = require('@rapport/core')"
  echo "const { ALL_ENTITIES } = require('@rapport/core/storage')"
  echo "const { sqliteAdapter } = require('@rapport/sqlite')"
  echo "const { z } = require('zod')"
  echo "const FORMAT = 'cjs';"
  echo "(async () => {"; cat body.txt; echo "})().catch((e) => { console.error(e); process.exit(1) })"; } > prog.cjs
ok=0
node prog.mjs || ok=1
node prog.cjs || ok=1

cat > prog.mts <<'J'
import { createCrm, isRapportError, type TenantCrm } from '@rapport/core'
import type { StoragePort } from '@rapport/core/storage'
import { postgresAdapter } from '@rapport/postgres'
import { sqliteAdapter } from '@rapport/sqlite'
import { z } from 'zod'
const crm = createCrm({
  adapter: sqliteAdapter({ filename: ':memory:' }),
  customFields: { contact: z.object({ tier: z.enum(['a', 'b']).optional() }) },
})
const t = crm.tenant('acme')
const c = await t.contacts.create({ firstName: 'Ada', custom: { tier: 'a' } })
const tier: 'a' | 'b' | undefined = c.custom.tier
// @ts-expect-error: 'c' is not a declared tier
await t.contacts.create({ firstName: 'Bo', custom: { tier: 'c' } })
try {
  await t.contacts.update(c.id, { city: 'Y' }, { expectedVersion: 1 })
} catch (e) {
  if (isRapportError(e, 'conflict')) console.log(e.code, tier)
}
export const pg: StoragePort = postgresAdapter({ connectionString: 'postgres://localhost/app' })
export type Tenant = TenantCrm
J
for mode in node16 bundler; do
  if [ "$mode" = node16 ]; then opts='"module": "node16", "moduleResolution": "node16"'; else opts='"module": "esnext", "moduleResolution": "bundler"'; fi
  echo "{ \"compilerOptions\": { $opts, \"target\": \"es2022\", \"strict\": true, \"noEmit\": true, \"skipLibCheck\": false, \"types\": [\"node\"] }, \"files\": [\"prog.mts\"] }" > tsconfig.json
  if npx tsc -p tsconfig.json >"$work/tsc-$mode.log" 2>&1; then echo "typescript $mode ok"; else head -n 10 "$work/tsc-$mode.log"; echo "typescript $mode FAILED"; ok=1; fi
done
[ $ok -eq 0 ] && echo "consumer check: ok" || echo "consumer check: FAILED"
exit $ok
