// Bundles each entry into dist/ (code-split so each command loads only what it needs),
// then builds the web app into dist/web, where `tk server` serves it from.

import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { relative, resolve, sep } from 'node:path'
import { type BuildOptions, build, type Plugin } from 'esbuild'
import { build as buildWeb } from 'vite'
import { preparedSql } from './prepared-sql.ts'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string
}

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true })

// The named statements' SQLite text, compiled here once instead of in every command.
const PREPARED_SQL = JSON.stringify(await preparedSql())

// What the module build and the two scripts share: one Node target, minified (every agent call
// pays for parsing), the version and the prepared SQL written in, the same packages left out.
const SHARED = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  sourcemap: 'linked',
  minify: true,
  // The terminal UI is React (Ink); the automatic runtime needs no React import per file.
  jsx: 'automatic',
  // Ink imports react-devtools-core only when DEV=true and the package is installed; it is an
  // optional peer we do not ship, so leave the import to fail at run time instead of bundling.
  // The PostgreSQL driver `pg` is bundled into its own chunk, loaded only by `-db postgres://…`;
  // its optional native binding `pg-native` is never used.
  external: ['react-devtools-core', 'pg-native'],
  logLevel: 'warning',
} as const satisfies BuildOptions
const DEFINE = {
  __TICKET_VERSION__: JSON.stringify(pkg.version),
  __TICKET_PREPARED_SQL__: PREPARED_SQL,
}

/**
 * @fastify/compress asks `payload instanceof Response` of every answer. Node makes its fetch
 * classes on first use, so the first answer a server sends paid for loading them (about 45 ms
 * of CPU): only an object with `arrayBuffer` can be a Response, so anything else is passed by
 * without touching the class (decision 0038).
 */
const compressWithoutFetch: Plugin = {
  name: 'compress-without-fetch',
  setup(b) {
    b.onLoad({ filter: /@fastify[\\/]compress[\\/]lib[\\/]utils\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8')
      const check = 'return obj instanceof Response'
      if (!source.includes(check)) throw new Error(`${path} no longer has "${check}"`)
      return {
        contents: source.replace(
          check,
          "return typeof obj?.arrayBuffer === 'function' && obj instanceof Response",
        ),
        loader: 'js',
      }
    })
  },
}

await build({
  // The server's read pool, its checkpointer and its HTTP threads start each worker thread from
  // a file of its own.
  entryPoints: {
    cli: 'src/cli/main.ts',
    'read-worker': 'src/store/sqlite/read-worker.ts',
    'checkpoint-worker': 'src/store/sqlite/checkpoint-worker.ts',
    // The server's other HTTP threads (decision 0051).
    'server-thread': 'src/server/server-thread.ts',
  },
  ...SHARED,
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  define: DEFINE,
  // Some of the terminal UI's dependencies are CommonJS that require Node built-ins
  // (signal-exit needs `assert` and `events`); ESM output has no `require` unless we make one.
  banner: {
    js: "import { createRequire as __tkCreateRequire } from 'node:module'; const require = __tkCreateRequire(import.meta.url);",
  },
  // The server's framework is bundled too: resolving and reading its few hundred CommonJS
  // files from node_modules took about a third of the server's cold start (decision 0038).
  // The API docs page's files stay in its package (app.ts tells it where).
  plugins: [compressWithoutFetch],
})

/**
 * The command line is also built as two scripts, which bin/tk.js compiles with a V8 code cache
 * that it writes after the command has run, so the functions the command called are in it too:
 * a command then starts with no parsing, compiling or module linking of its own (decision
 * 0045). dist/cli.cjs runs the commands, dist/cli-server.cjs is the same with the server, which
 * would cost every other command reading it (about 9 ms and 9 MB). Neither holds the terminal
 * UI (Ink and yoga use top-level await, which a script cannot) nor the MCP server (its SDK, for
 * a command started once per agent session): bin/tk.js runs the commands that reach them
 * (`gui`, `edit`, `mcp`) from dist/cli.js. A script that reaches a module it leaves out says so
 * instead of running.
 */
const TUI_AND_MCP: Record<string, string[]> = {
  'src/tui/run.ts': ['runTui'],
  'src/cli/commands/mcp.ts': ['mcp'],
}
const SERVER: Record<string, string[]> = { 'src/server/start.ts': ['runServerCommand'] }

const leaveOut = (script: string, modules: Record<string, string[]>): Plugin => ({
  name: 'leave-out',
  setup(b) {
    b.onResolve({ filter: /\.ts$/ }, ({ path, resolveDir }) => {
      const file = relative(process.cwd(), resolve(resolveDir, path)).split(sep).join('/')
      return file in modules ? { path: file, namespace: 'left-out' } : undefined
    })
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, ({ path }) => ({
      contents: (modules[path] ?? [])
        .map(
          (name) =>
            `export const ${name} = () => { throw new Error('${path} is not in ${script}: bin/tk.js should not have run this command from it') }`,
        )
        .join('\n'),
      loader: 'js',
    }))
  },
})

for (const [script, left] of [
  ['dist/cli.cjs', { ...TUI_AND_MCP, ...SERVER }],
  ['dist/cli-server.cjs', TUI_AND_MCP],
] as const)
  await build({
    ...SHARED,
    entryPoints: ['src/cli/main.ts'],
    outfile: script,
    format: 'cjs',
    define: { ...DEFINE, 'import.meta.url': '__tkUrl' },
    // The script is one function expression, the CommonJS wrapper bin/tk.js calls: V8 compiles
    // the file's text as read, with no wrapped copy of half a megabyte made first (decision 0049).
    banner: {
      js: "(function (exports, require, module, __filename, __dirname) {const __tkUrl = require('node:url').pathToFileURL(__filename).href;",
    },
    footer: { js: '\n})' },
    plugins: [leaveOut(script, left), compressWithoutFetch],
  })

// bin/tk.js answers `tk --version` from this file alone.
writeFileSync(
  new URL('../dist/version.js', import.meta.url),
  `export default ${JSON.stringify(pkg.version)}\n`,
)

await buildWeb({
  configFile: new URL('../web/vite.config.ts', import.meta.url).pathname,
  logLevel: 'warn',
})
