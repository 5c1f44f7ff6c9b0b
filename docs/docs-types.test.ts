import { execFile } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { guideFiles, root, snippetDir, snippetsOf } from './snippets'

// The guides' ```ts and ```ts no-run snippets typecheck against the sources with the repository's tsconfig
// (the convention is at the top of docs/docs.test.ts). One tsc program holds every snippet, so the sources
// are checked once; it runs in a child process, so the test worker stays responsive (and a second core can
// help) while it works: the test waits without blocking.

const typesDir = join(snippetDir, 'types')

it('every ```ts and ```ts no-run snippet in the guides typechecks', async () => {
  const snippets = guideFiles().flatMap(snippetsOf)
  rmSync(typesDir, { recursive: true, force: true })
  mkdirSync(typesDir, { recursive: true })
  for (const snippet of snippets) writeFileSync(join(typesDir, snippet.fileName), snippet.code)
  writeFileSync(
    join(typesDir, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../../tsconfig.json',
      compilerOptions: { noEmit: true, incremental: false },
      files: snippets.map((s) => s.fileName),
      include: [],
    }),
  )
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  const output = await promisify(execFile)(process.execPath, [tsc, '-p', typesDir, '--pretty', 'false'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    (done) => done.stdout,
    (failed: { stdout?: string; message: string }) => failed.stdout || failed.message,
  )
  // `docs/.snippets/types/docs-pipeline-md-2.ts(12,5): error TS2345: ...` → `docs/pipeline.md:57 ...`
  const byFile = new Map(snippets.map((s) => [s.fileName, s]))
  const problems = output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const m = /([^/\\(]+\.ts)\((\d+),\d+\): (.*)$/.exec(line)
      const snippet = m ? byFile.get(m[1]!) : undefined
      if (!m || !snippet) return line
      return `${snippet.name.split(' #')[0]}:${snippet.firstLine + Number(m[2]) - 1} (${snippet.name}): ${m[3]}`
    })
  expect(snippets.length).toBeGreaterThan(20)
  expect(problems).toEqual([])
  // tsc needs ~15 s of CPU; on a machine shared with other jobs the wall time can be several times that.
}, 300_000)
