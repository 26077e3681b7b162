import type { CommandSpec } from './command.ts'

import { SECTIONS } from './command.ts'

/** The Markdown command reference (docs/cli.md), made from the command table so it cannot drift. */
export function renderReference(commands: readonly CommandSpec[]): string {
  const out = [
    '# Command reference',
    '',
    'Generated from `src/cli/program.ts` (a test fails when this file is out of date; refresh it',
    'with `npx vitest run src/cli/reference.test.ts -u`).',
    '',
    'Every command also takes the global flags `--json`, `--fields a,b`, `-project PREFIX`,',
    '`-f DIR|FILE.db`, `--no-color` and `-h`. Flags may be written `-name v`, `--name v`,',
    '`-name=v` or `--name=v`, before or after the arguments; a single-dash word is a group of',
    'short flags (`-ad`) only when every letter is one, otherwise a long flag, and an unknown',
    'flag is a usage error. Exit codes: 0 done, 1 failed or refused, 2 usage error (including a',
    'value a flag cannot take). `tk -g` (also `--gui`, `tk gui`) opens the terminal UI, with',
    '`-theme NAME` for its theme: see [tui.md](tui.md).',
    '',
    '`-f` always names the workspace; `--file` and `-file` do too, except on a command with a',
    "`file` flag of its own (`tk workflow import -file F`). The original's forms read as ours:",
    '`tk ticket <command> …` is `tk <command> …`, `tk project <id|PREFIX> <verb> …` is',
    '`tk project <verb> <id|PREFIX> …`, and `tk project <id|PREFIX>` alone is `tk project get`',
    '(more in [guide.md](guide.md), "The original\'s command forms").',
  ]
  for (const section of SECTIONS) {
    const inSection = commands.filter((c) => c.section === section)
    if (inSection.length === 0) continue
    out.push('', `## ${section}`)
    for (const c of inSection) {
      out.push('', `### \`tk ${c.name}${c.args ? ` ${c.args}` : ''}\``, '', c.summary)
      if (c.aliases?.length) out.push('', `Also: ${c.aliases.map((a) => `\`tk ${a}\``).join(', ')}`)
      if (c.options?.length) {
        out.push('', '| flag | meaning |', '|---|---|')
        for (const o of c.options) {
          const also = o.aliases?.length
            ? ` (also ${o.aliases.map((a) => `\`--${a}\``).join(', ')})`
            : ''
          out.push(`| \`${o.flags}\`${also} | ${o.description} |`)
        }
      }
    }
  }
  return `${out.join('\n')}\n`
}
