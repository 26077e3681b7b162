import type { Run } from '../command.ts'
import { COMMANDS } from '../program.ts'
import { UsageError } from '../usage-error.ts'

const words = () =>
  [
    ...new Set(
      COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]).map((n) => n.split(' ')[0]!),
    ),
  ].sort()

const subcommands = () => {
  const m = new Map<string, string[]>()
  for (const c of COMMANDS)
    for (const n of [c.name, ...(c.aliases ?? [])]) {
      const [head, sub] = n.split(' ')
      if (sub) m.set(head!, [...(m.get(head!) ?? []), sub])
    }
  return m
}

function bash(): string {
  const subs = [...subcommands()]
    .map(
      ([k, v]) =>
        `    ${k}) COMPREPLY=($(compgen -W "${[...new Set(v)].join(' ')}" -- "$cur")); return;;`,
    )
    .join('\n')
  return `# tk completion for bash: eval "$(tk completion bash)"
_tk() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  if [ "$COMP_CWORD" -eq 1 ]; then COMPREPLY=($(compgen -W "${words().join(' ')}" -- "$cur")); return; fi
  case "\${COMP_WORDS[1]}" in
${subs}
  esac
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
  const lines = words().map((w) => `complete -c tk -n '__fish_use_subcommand' -a ${w}`)
  for (const [k, v] of subcommands())
    for (const s of new Set(v))
      lines.push(`complete -c tk -n '__fish_seen_subcommand_from ${k}' -a ${s}`)
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
