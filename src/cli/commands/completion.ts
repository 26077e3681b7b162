/**
 * @module `tk completion bash|zsh|fish`: command names, subcommands, each command's flags
 * (single-dash, as written in the docs) and, where a command takes a ticket, the keys of the
 * current project's open tickets, asked of `tk ls` when Tab is pressed.
 */
import type { CommandSpec, Run } from '../command.ts'
import { describeOption } from '../flags.ts'
import { COMMANDS } from '../program.ts'
import { UsageError } from '../usage-error.ts'

const GLOBAL_FLAGS = ['-json', '-fields', '-project', '-f', '-no-color']

/** Every way a command is typed (`label add`, `label put`, …) with what completes after it. */
type Completion = { words: string; flags: string[]; keys: boolean }

function completions(): Completion[] {
  return COMMANDS.flatMap((c: CommandSpec) => {
    const flags = (c.options ?? []).flatMap((o) => {
      const f = describeOption(o)
      return [`-${f.long}`, ...(f.short ? [`-${f.short}`] : [])]
    })
    const keys = /\bKEY\b/.test(c.args ?? '')
    return [c.name, ...(c.aliases ?? [])].map((words) => ({ words, flags, keys }))
  })
}

const heads = () => [...new Set(completions().map((c) => c.words.split(' ')[0]!))].sort()

const subcommands = () => {
  const m = new Map<string, Set<string>>()
  for (const { words } of completions()) {
    const [head, sub] = words.split(' ')
    if (sub) m.set(head!, (m.get(head!) ?? new Set()).add(sub))
  }
  return m
}

// The JSON may be indented or on one line; only the "key" fields are wanted.
const KEYS_SHELL = `command tk ls --json --fields key -n 500 2>/dev/null | grep -o '"key": *"[^"]*"' | sed 's/.*"\\([^"]*\\)"$/\\1/'`

function bash(): string {
  const all = completions()
  // A group word may be a command too (`tk health KEY`, `tk health execute`).
  const groups = [...subcommands()]
    .map(([head, subs]) => {
      const keys = all.some((c) => c.words === head && c.keys) ? ' $(_tk_keys)' : ''
      return `    ${head}) if [ "$COMP_CWORD" -eq 2 ] && [[ "$cur" != -* ]]; then COMPREPLY=($(compgen -W "${[...subs].join(' ')}${keys}" -- "$cur")); return; fi
      case "\${COMP_WORDS[2]}" in ${[...subs].join('|')}) cmd="${head} \${COMP_WORDS[2]}";; esac;;`
    })
    .join('\n')
  const commands = all
    .map((c) => `    "${c.words}") flags="${c.flags.join(' ')}"${c.keys ? '; keys=1' : ''};;`)
    .join('\n')
  return `# tk completion for bash: eval "$(tk completion bash)"
_tk_keys() { ${KEYS_SHELL}; }
_tk() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmd="\${COMP_WORDS[1]}" flags="" keys=""
  if [ "$COMP_CWORD" -eq 1 ]; then COMPREPLY=($(compgen -W "${heads().join(' ')}" -- "$cur")); return; fi
  case "$cmd" in
${groups}
  esac
  case "$cmd" in
${commands}
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$flags ${GLOBAL_FLAGS.join(' ')}" -- "$cur")); return; fi
  if [ -n "$keys" ]; then COMPREPLY=($(compgen -W "$(_tk_keys)" -- "$cur")); fi
}
complete -F _tk tk ticket
`
}

function zsh(): string {
  return `#compdef tk ticket
# tk completion for zsh: eval "$(tk completion zsh)"
autoload -U bashcompinit && bashcompinit
${bash()}`
}

function fish(): string {
  const lines = [`function __tk_keys; ${KEYS_SHELL}; end`]
  for (const w of heads()) lines.push(`complete -c tk -f -n '__fish_use_subcommand' -a ${w}`)
  for (const [head, subs] of subcommands())
    for (const s of subs)
      lines.push(`complete -c tk -f -n '__fish_seen_subcommand_from ${head}' -a ${s}`)
  for (const c of completions()) {
    const [head, sub] = c.words.split(' ')
    const when = sub
      ? `__fish_seen_subcommand_from ${head}; and __fish_seen_subcommand_from ${sub}`
      : `__fish_seen_subcommand_from ${head}`
    for (const f of c.flags) lines.push(`complete -c tk -n '${when}' -o ${f.slice(1)}`)
    if (c.keys) lines.push(`complete -c tk -f -n '${when}' -a '(__tk_keys)'`)
  }
  for (const f of GLOBAL_FLAGS) lines.push(`complete -c tk -o ${f.slice(1)}`)
  return `# tk completion for fish: tk completion fish | source\n${lines.join('\n')}\ncomplete -c ticket -w tk\n`
}

export const completion: Run = async (c) => {
  const shell = c.args[0]
  const scripts: Record<string, () => string> = { bash, zsh, fish }
  const make = shell ? scripts[shell] : undefined
  if (!make)
    throw new UsageError(
      shell ? `no completion for shell "${shell}"` : 'which shell?',
      'use: tk completion bash|zsh|fish',
    )
  c.out.line(make())
}
