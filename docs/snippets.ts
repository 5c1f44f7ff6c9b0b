import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'

/** The repository root. */
export const root = join(import.meta.dirname, '..')

/** Where snippets are written to run (git-ignored). */
export const snippetDir = join(root, 'docs', '.snippets')

/** How a ```ts block is checked: see the convention at the top of docs/docs.test.ts. */
export type SnippetKind = 'run' | 'no-run'

/** One ```ts block of a guide. */
export interface Snippet {
  /** `docs/pipeline.md #2`: the guide and the block's position in it. */
  readonly name: string
  readonly kind: SnippetKind
  readonly code: string
  /** The guide's line number of the block's first code line, so failures point at the guide. */
  readonly firstLine: number
  /** A file name for the snippet as a module, e.g. `docs-pipeline-md-2.ts`. */
  readonly fileName: string
}

const BLOCK = /^```ts( no-run| fragment)?\n([\s\S]*?)^```/gm

/** The guides whose snippets are checked: the README's quickstart and every guide in docs/. */
export function guideFiles(): string[] {
  return [
    join(root, 'README.md'),
    ...readdirSync(join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => join(root, 'docs', f)),
  ]
}

/** The checked ```ts blocks of a guide (fragments left out). */
export function snippetsOf(file: string): Snippet[] {
  const text = readFileSync(file, 'utf8')
  const found: Snippet[] = []
  let index = 0
  for (const match of text.matchAll(BLOCK)) {
    index++
    const tag = match[1]?.trim()
    if (tag === 'fragment') continue
    const name = `${file.slice(root.length + 1)} #${index}`
    found.push({
      name,
      kind: tag === 'no-run' ? 'no-run' : 'run',
      // `export {}` makes every snippet a module, so top-level await and imports work.
      code: `${match[2]!}\nexport {}\n`,
      firstLine: text.slice(0, match.index).split('\n').length + 1,
      fileName: `${name.replace(/[^a-z0-9]+/gi, '-')}.ts`,
    })
  }
  return found
}

/** The marker that starts an output comment. */
export const OUTPUT_MARKER = '// → '

/** A `console.log(...)` call of a snippet and what its output comment says it prints. */
export interface PrintCall {
  /** 0-based line in the snippet of the call's start. */
  readonly line: number
  /** The range of the callee (`console.log`) in the snippet's code. */
  readonly calleeStart: number
  readonly calleeEnd: number
  /** The expected output (the comment after the marker, before any ` — ` note), if the call has one. */
  readonly expected?: string
  /** A trailing comment that is not an output comment although it sits on a printing statement. */
  readonly strayComment?: string
}

/** Finds the `console.log` calls of a snippet and their output comments. */
export function printCalls(code: string): PrintCall[] {
  const source = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.ES2022, true)
  const calls: ts.CallExpression[] = []
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.expression.getText(source) === 'console.log') calls.push(node)
    ts.forEachChild(node, visit)
  }
  visit(source)
  return calls.map((call) => {
    // The comment after the statement that holds the call: `console.log(x) // → 1`, also when the call sits
    // in an arrow function, a loop or an if on that statement.
    let statement: ts.Node = call
    while (!ts.isSourceFile(statement.parent) && !ts.isBlock(statement.parent)) statement = statement.parent
    const comment = ts
      .getTrailingCommentRanges(code, statement.end)
      ?.map((range) => code.slice(range.pos, range.end))
      .find((text) => text.startsWith('//'))
    const printsInStatement = calls.filter((c) => c.pos >= statement.pos && c.end <= statement.end).length
    const base = {
      line: source.getLineAndCharacterOfPosition(call.getStart(source)).line,
      calleeStart: call.expression.getStart(source),
      calleeEnd: call.expression.end,
    }
    if (comment === undefined || printsInStatement > 1) return base
    if (!comment.startsWith(OUTPUT_MARKER)) return { ...base, strayComment: comment }
    const expected = comment.slice(OUTPUT_MARKER.length).split(' — ')[0]!.trimEnd()
    return { ...base, expected }
  })
}

/** Whether printed text matches an output comment, where `…` stands for any text. */
export function matchesOutput(printed: string, expected: string): boolean {
  const pattern = expected
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*')
  return new RegExp(`^${pattern}$`).test(printed)
}
