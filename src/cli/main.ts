/** @module Composition root of `tk`: reads the environment, runs one command, sets the exit code. */
import type { TicketService } from '../service/ticket-service.ts'
import { extractGlobals, fileBelongsTo, type GlobalFlags } from './argv.ts'
import type { CommandContext, CommandSpec } from './command.ts'
import { renderError } from './error-report.ts'
import { createOutput } from './output.ts'
import { findCommand, projectFirstForm } from './program.ts'
import { isTerminal, stdoutDrained, stdoutStream, writeStdout } from './stdout.ts'
import { UsageError } from './usage-error.ts'
import { openWorkspace } from './workspace.ts'

function reportError(e: unknown, json: boolean, color: boolean): number {
  const { text, code } = renderError(e, { json, color, debug: Boolean(process.env.TICKET_DEBUG) })
  process.stderr.write(text)
  return code
}

function context(
  spec: CommandSpec,
  args: string[],
  opts: Record<string, unknown>,
  g: GlobalFlags,
): CommandContext & { dispose(): Promise<void> } {
  const env = process.env
  const cwd = process.cwd()
  const terminal = isTerminal(1)
  const color = !g.noColor && !g.json && env.NO_COLOR === undefined && terminal
  const out = createOutput({
    json: g.json,
    color,
    width: terminal ? stdoutStream().columns || 120 : 120,
    fields: g.fields,
    pretty: g.pretty || terminal,
    write: writeStdout,
    drained: stdoutDrained,
  })
  const workspace = openWorkspace(env, cwd, g.file)
  let service: Promise<TicketService> | undefined
  const project = () => {
    const p = g.project ?? workspace.config.project
    if (!p)
      throw new UsageError(
        'no active project',
        'choose one with: tk project use PREFIX (or pass -project PREFIX)',
      )
    return p
  }
  const ref = (raw: string) =>
    /^#?\d+$/.test(raw.trim()) ? `${project()}-${raw.trim().replace('#', '')}` : raw
  const str = (name: string) => {
    const v = opts[name]
    return typeof v === 'string' ? v : undefined
  }
  const c: CommandContext & { dispose(): Promise<void> } = {
    spec,
    args,
    opts,
    out,
    env,
    cwd,
    now: new Date(),
    workspace,
    service: () => {
      service ??= import('./connect.ts').then((m) => m.connect(workspace, env))
      return service
    },
    project,
    ref,
    ticket() {
      const idOpt = str('id')
      const raw = idOpt ?? args.shift()
      if (raw === undefined || raw.trim() === '')
        throw new UsageError(
          'which ticket?',
          `give a key: tk ${spec.name} CUS-T-42 (or -id CUS-T-42)`,
        )
      return ref(raw)
    },
    str,
    int(name) {
      const v = str(name)
      if (v === undefined) return undefined
      if (!/^-?\d+$/.test(v.trim()))
        throw new UsageError(`-${name} needs a whole number, not "${v}"`)
      return Number(v)
    },
    bool: (name) => opts[name] === true,
    async dispose() {
      if (service) await (await service.catch(() => undefined))?.close()
    },
  }
  return c
}

async function main(argv: readonly string[]): Promise<number> {
  let json = argv.includes('--json') || argv.includes('-json')
  // Asking the descriptor, not process.stderr, which builds a stream that most runs never use.
  const color = () => process.env.NO_COLOR === undefined && isTerminal(2)
  let c: (CommandContext & { dispose(): Promise<void> }) | undefined
  try {
    const { globals, rest: typed } = extractGlobals(argv)
    const rest = projectFirstForm(typed)
    json = globals.json
    if (globals.version) {
      writeStdout(`${__TICKET_VERSION__}\n`)
      return 0
    }
    // `tk -g`, `tk --gui` and `tk gui`; a `gui` later on the line is an argument (a title word).
    if (globals.gui || rest[0] === 'gui') {
      const workspace = openWorkspace(process.env, process.cwd(), globals.file)
      const { runTui } = await import('../tui/run.ts')
      const { serverUrlOf } = await import('./credentials.ts')
      await runTui({
        config: workspace.config,
        saveConfig: (patch) => workspace.saveConfig(patch),
        connect: () => import('./connect.ts').then((m) => m.connect(workspace, process.env)),
        theme: globals.theme,
        serverUrl: serverUrlOf(workspace, process.env),
        project: globals.project,
        stdin: process.stdin,
        stdout: stdoutStream(),
      })
      return 0
    }
    const words = rest.filter((w) => !w.startsWith('-'))
    // `tk`, `tk -h` and `tk --help` print the overview.
    if (rest.length === 0 || (globals.help && words.length === 0)) {
      const { overview } = await import('./help.ts')
      writeStdout(overview(process.env))
      return 0
    }
    // Only flags, and none of them global: there is no command for them to belong to.
    if (words.length === 0)
      throw new UsageError(`unknown flag ${rest[0]}`, 'see the commands with: tk help')
    const found = findCommand(words)
    if (!found) {
      // A command group named alone (`tk label`) lists its commands; a wrong verb is a usage error.
      const { groupHelp, nearCommands, didYouMean } = await import('./help.ts')
      const group = groupHelp(words[0] ?? '')
      if (group && words.length === 1) {
        writeStdout(group)
        return 0
      }
      if (group)
        throw new UsageError(
          `unknown ${words[0]} command "${words[1]}"`,
          didYouMean(
            nearCommands(words[1]!, words[0]!.toLowerCase()),
            `see the ${words[0]} commands with: tk ${words[0]}`,
          ),
        )
      throw new UsageError(
        `unknown command "${words[0]}"`,
        didYouMean(nearCommands(words[0] ?? ''), 'see the commands with: tk help'),
      )
    }
    const { spec } = found
    const tokens = [...rest]
    for (let i = 0; i < found.used; i++)
      tokens.splice(
        tokens.findIndex((t) => !t.startsWith('-')),
        1,
      )
    if (globals.help) {
      const { helpFor } = await import('./help.ts')
      writeStdout(helpFor(spec))
      return 0
    }
    const { parseFlags, describeOption } = await import('./flags.ts')
    const own = fileBelongsTo(
      globals,
      (spec.options ?? []).map(describeOption).flatMap((f) => [f.long, ...f.aliases]),
    )
    tokens.push(...own.tokens)
    const { args, opts } = parseFlags(spec, tokens)
    c = context(spec, args, opts, own.globals)
    const run = await spec.load()
    await run(c)
    return 0
  } catch (e) {
    return reportError(e, json, color())
  } finally {
    await c?.dispose()
  }
}

// A command that printed its answer may still report failure (doctor problems). No top-level
// await: the same code is also built as one script (dist/cli.cjs, decision 0045).
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code !== 0 ? code : (process.exitCode ?? 0)
})
