import { UsageError } from './usage-error.ts'

/** Flags that mean the same on every command, found anywhere on the line (cli.md "Conventions"). */
export type GlobalFlags = {
  json: boolean
  /** `--pretty`: indented JSON even when stdout is not a terminal. */
  pretty: boolean
  noColor: boolean
  gui: boolean
  help: boolean
  version: boolean
  file: string | undefined
  /** The value of `--file`/`-file` when typed that way (see `fileBelongsTo`). */
  fileLong: string | undefined
  fields: string[] | undefined
  project: string | undefined
  theme: string | undefined
}

const EXAMPLES = { file: '.ticket', fields: 'key,title', project: 'CUS', theme: 'the-grey' }

const VALUE_FLAGS: Record<string, 'file' | 'fields' | 'project' | 'theme'> = {
  '-f': 'file',
  '--file': 'file',
  '-file': 'file',
  '--fields': 'fields',
  '-fields': 'fields',
  '--project': 'project',
  '-project': 'project',
  '--theme': 'theme',
  '-theme': 'theme',
}

export function extractGlobals(argv: readonly string[]): { globals: GlobalFlags; rest: string[] } {
  const g: GlobalFlags = {
    json: false,
    pretty: false,
    noColor: false,
    gui: false,
    help: false,
    version: false,
    file: undefined,
    fileLong: undefined,
    fields: undefined,
    project: undefined,
    theme: undefined,
  }
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i]!
    if (t === '--') {
      rest.push(...argv.slice(i))
      break
    }
    const [name, inline] =
      t.startsWith('-') && t.includes('=')
        ? [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)]
        : [t, undefined]
    const valueFlag = VALUE_FLAGS[name]
    if (valueFlag) {
      const value = inline ?? argv[++i]
      if (value === undefined)
        throw new UsageError(`flag ${name} needs a value`, `e.g. ${name} ${EXAMPLES[valueFlag]}`)
      if (valueFlag === 'fields')
        g.fields = value
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean)
      else if (valueFlag !== 'file') g[valueFlag] = value
      else if (name === '-f') g.file = value
      else {
        g.fileLong = value
        g.file ??= value
      }
      continue
    }
    if (t === '--json' || t === '-json') g.json = true
    else if (t === '--pretty' || t === '-pretty') g.pretty = true
    else if (t === '--no-color' || t === '-nocolor' || t === '--nocolor' || t === '-no-color')
      g.noColor = true
    else if (t === '-g' || t === '--gui' || t === '-gui') g.gui = true
    else if (t === '-h' || t === '--help' || t === '-help') g.help = true
    else if ((t === '--version' || t === '-version' || t === '-v') && rest.length === 0)
      g.version = true
    else rest.push(t)
  }
  return { globals: g, rest }
}

/**
 * `-f` always names the workspace. Its long forms `--file` and `-file` do too, except on a
 * command with a `file` flag of its own (the original's `tk workflow import -file F`), where
 * they are that command's flag: the tokens to give back to the command, or none.
 */
export function fileBelongsTo(
  g: GlobalFlags,
  commandFlags: readonly string[],
): { globals: GlobalFlags; tokens: string[] } {
  if (g.fileLong === undefined || !commandFlags.includes('file')) return { globals: g, tokens: [] }
  const file = g.file === g.fileLong ? undefined : g.file
  return { globals: { ...g, file, fileLong: undefined }, tokens: ['--file', g.fileLong] }
}
