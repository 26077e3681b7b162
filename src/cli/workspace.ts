const { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } =
  process.getBuiltinModule('node:fs')

import { basename, dirname, join, resolve } from 'node:path'

/** config.json: the workspace's remembered choices (cli.md "Workspace, modes, identity"). */
export type WorkspaceConfig = {
  project?: string
  current_epic?: string
  server_url?: string
  username?: string
  [key: string]: unknown
}

export type Workspace = {
  readonly home: string
  readonly dbPath: string
  readonly configPath: string
  readonly config: WorkspaceConfig
  saveConfig(patch: Partial<WorkspaceConfig>): void
}

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory()
  } catch {
    return false
  }
}

/** TICKET_HOME, else the nearest `.ticket/` walking up, else `.ticket/` here; `-f` overrides all. */
export function locateHome(
  env: NodeJS.ProcessEnv,
  cwd: string,
  file?: string,
): { home: string; dbPath: string } {
  if (file) {
    const abs = resolve(cwd, file)
    if (/\.(db|sqlite)$/.test(abs)) return { home: dirname(abs), dbPath: abs }
    // The project directory works as well as its `.ticket` directory.
    const inner = join(abs, '.ticket')
    const home = !existsSync(join(abs, 'ticket.db')) && isDir(inner) ? inner : abs
    return { home, dbPath: join(home, 'ticket.db') }
  }
  if (env.TICKET_HOME) {
    const home = resolve(cwd, env.TICKET_HOME)
    return { home, dbPath: join(home, 'ticket.db') }
  }
  for (let dir = cwd; ; dir = dirname(dir)) {
    const candidate = join(dir, '.ticket')
    if (isDir(candidate)) return { home: candidate, dbPath: join(candidate, 'ticket.db') }
    if (dirname(dir) === dir) break
  }
  const home = join(cwd, '.ticket')
  return { home, dbPath: join(home, 'ticket.db') }
}

function readConfig(path: string): WorkspaceConfig {
  if (!existsSync(path)) return {}
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return parsed && typeof parsed === 'object' ? (parsed as WorkspaceConfig) : {}
  } catch {
    return {}
  }
}

/** Writes through a temporary file so a crash never leaves half a config. */
export function writeFileAtomic(path: string, text: string, mode = 0o644) {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
  writeFileSync(tmp, text, { mode })
  renameSync(tmp, path)
}

export function openWorkspace(env: NodeJS.ProcessEnv, cwd: string, file?: string): Workspace {
  const { home, dbPath } = locateHome(env, cwd, file)
  const configPath = join(home, 'config.json')
  const config = readConfig(configPath)
  return {
    home,
    dbPath,
    configPath,
    config,
    saveConfig(patch) {
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) delete config[k]
        else config[k] = v
      }
      writeFileAtomic(configPath, `${JSON.stringify(config, null, 2)}\n`)
    },
  }
}
