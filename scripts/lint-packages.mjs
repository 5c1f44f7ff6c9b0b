// Checks the built packages the way a consumer meets them: publint for package.json/exports mistakes and
// @arethetypeswrong for type resolution under Node's ESM and CJS (node16 profile: subpath exports need it).
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const packages = readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name))
const bin = (name) => join(root, 'node_modules', '.bin', name)
let failed = false

for (const dir of packages) {
  for (const [tool, args] of [
    ['publint', [dir, '--strict']],
    ['attw', ['--pack', dir, '--profile', 'node16', '--format', 'table-flipped']],
  ]) {
    try {
      const out = execFileSync(bin(tool), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      process.stdout.write(`${tool} ${dir.slice(root.length)}: ok\n${tool === 'attw' ? '' : out}`)
    } catch (error) {
      failed = true
      process.stdout.write(
        `${tool} ${dir.slice(root.length)}: FAILED\n${error.stdout ?? ''}${error.stderr ?? ''}\n`,
      )
    }
  }
}
process.exit(failed ? 1 : 0)
