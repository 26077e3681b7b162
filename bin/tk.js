#!/usr/bin/env node
// The command line on Node >= 24.7. bin/tk (the installed `tk`) starts it with the packaged Node;
// started by an older `node` directly, it hands over to the packaged one (one process where the
// platform allows: docs/decisions/0014-one-process-launcher-with-packaged-node.md).
const [major, minor] = process.versions.node.split('.').map(Number)
// `tk server` is long-lived and allocates fast under load: a small young generation keeps its
// memory flat at no cost in throughput (docs/decisions/0008-server-memory-and-hot-queries.md).
const SERVER_V8_FLAGS = ['--max-semi-space-size=4']
const serving = process.argv[2] === 'server'
// Words that reach the terminal UI or the MCP server, which only dist/cli.js holds (a title
// word among them just takes the longer start).
const ESM_ONLY = new Set(['gui', '-g', '-gui', '--gui', 'edit', 'mcp'])

function fnv(text) {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(16)
}

/**
 * Every other command runs from dist/cli.cjs (`tk server` from dist/cli-server.cjs): the same
 * code as one script, compiled with a V8 code cache of the user's own (NODE_COMPILE_CACHE, else
 * $XDG_CACHE_HOME/ticket, else ~/.cache/ticket). Node caches a module as compiled before it
 * runs, which leaves out every function compiled when first called; this cache is written after
 * the command has run, so it holds those too. It is rewritten (growing to what both commands
 * used) the first time each command word runs, and when V8 refuses it (another Node, a new
 * build), which also removes this install's caches of earlier builds; Node flags (the server's)
 * get a cache of their own. NODE_DISABLE_COMPILE_CACHE=1 turns it off. Decision 0045.
 */
function runScript(url) {
  const fs = process.getBuiltinModule('node:fs')
  const { createRequire } = process.getBuiltinModule('node:module')
  const { join, dirname } = process.getBuiltinModule('node:path')
  const { fileURLToPath } = process.getBuiltinModule('node:url')
  const vm = process.getBuiltinModule('node:vm')
  const env = process.env
  const file = fileURLToPath(url)
  const source = fs.readFileSync(file, 'utf8')
  const home = () => process.getBuiltinModule('node:os').homedir()
  const dir = env.NODE_DISABLE_COMPILE_CACHE
    ? undefined
    : env.NODE_COMPILE_CACHE ||
      (env.XDG_CACHE_HOME ? join(env.XDG_CACHE_HOME, 'ticket') : join(home(), '.cache', 'ticket'))
  let cacheFile
  let trained = []
  let cachedData
  const install = `ticket-cli-${fnv(`${file}\0${process.execArgv.join(' ')}`)}-`
  if (dir) {
    const { size, mtimeMs } = fs.statSync(file)
    cacheFile = join(
      dir,
      `${install}${fnv(`${process.version}\0${process.arch}\0${size}\0${mtimeMs}`)}.cache`,
    )
    try {
      const data = fs.readFileSync(cacheFile)
      const head = data.indexOf(10)
      trained = JSON.parse(data.subarray(0, head).toString())
      cachedData = data.subarray(head + 1)
    } catch {
      cachedData = undefined
    }
  }
  // The file is one function expression, CommonJS's wrapper included (scripts/build.ts).
  const script = new vm.Script(source, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  })
  // The command's word, hashed so that no argument is written down.
  const word = fnv(process.argv.slice(2).find((a) => !a.startsWith('-')) ?? '')
  const fresh = cachedData === undefined || script.cachedDataRejected
  if (cacheFile && (fresh || (!trained.includes(word) && trained.length < 64)))
    process.once('exit', () => {
      // The file is opened before the cache is made, so that where it cannot be written (a
      // read-only home) no run spends the time making it.
      const temp = `${cacheFile}.${process.pid}`
      let fd
      try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
        fd = fs.openSync(temp, 'w', 0o600)
        fs.writeSync(fd, `${JSON.stringify(fresh ? [word] : [...trained, word])}\n`)
        fs.writeSync(fd, script.createCachedData())
        fs.closeSync(fd)
        fd = undefined
        if (fresh)
          for (const old of fs.readdirSync(dir))
            if (old.startsWith(install) && old.endsWith('.cache')) fs.rmSync(join(dir, old))
        fs.renameSync(temp, cacheFile)
      } catch {
        // A cache that cannot be written costs the next command its compiling, nothing more.
        if (fd !== undefined) fs.closeSync(fd)
        fs.rmSync(temp, { force: true })
      }
    })
  const module = { exports: {} }
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file))
}
if (major > 24 || (major === 24 && minor >= 7)) {
  const only = process.argv.length === 3 ? process.argv[2] : undefined
  if (serving && process.execve && !process.execArgv.includes(SERVER_V8_FLAGS[0])) {
    // Same process id, so signals and supervisors see one server.
    process.execve(
      process.execPath,
      [process.execPath, ...SERVER_V8_FLAGS, ...process.execArgv, ...process.argv.slice(1)],
      process.env,
    )
  }
  if (only === '--version' || only === '-v' || only === 'version') {
    // Scripts probe the version in loops; answer without loading the command line.
    process.stdout.write(`${(await import('../dist/version.js')).default}\n`)
  } else if (process.argv.slice(2).some((a) => ESM_ONLY.has(a))) {
    ;(await import('node:module')).enableCompileCache?.()
    await import('../dist/cli.js')
  } else {
    const script = process.argv.includes('server') ? '../dist/cli-server.cjs' : '../dist/cli.cjs'
    runScript(new URL(script, import.meta.url))
  }
} else {
  const { handOver } = await import('./hand-over.js')
  handOver([...(serving ? SERVER_V8_FLAGS : []), ...process.argv.slice(1)])
}
