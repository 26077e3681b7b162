// Bundles each entry into dist/ (code-split so each command loads only what it needs),
// then builds the web app into dist/web, where `tk server` serves it from.

import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { build } from 'esbuild'
import { build as buildWeb } from 'vite'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string
}

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true })

await build({
  // The server's read pool starts each worker thread from a file of its own.
  entryPoints: { cli: 'src/cli/main.ts', 'read-worker': 'src/store/sqlite/read-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  sourcemap: 'linked',
  // Smaller code parses faster, and every agent call pays for parsing.
  minify: true,
  define: { __TICKET_VERSION__: JSON.stringify(pkg.version) },
  // Some of the terminal UI's dependencies are CommonJS that require Node built-ins
  // (signal-exit needs `assert` and `events`); ESM output has no `require` unless we make one.
  banner: {
    js: "import { createRequire as __tkCreateRequire } from 'node:module'; const require = __tkCreateRequire(import.meta.url);",
  },
  // The terminal UI is React (Ink); the automatic runtime needs no React import per file.
  jsx: 'automatic',
  // The server's framework stays in node_modules: it is CommonJS, reads its own files at run
  // time (the API docs page), and only `tk server` loads it. TypeBox is bundled: it is ESM
  // spread over hundreds of small modules, and resolving them was a large part of the
  // server's cold start (its kinds are global symbols, so another copy in node_modules agrees).
  // Ink imports react-devtools-core only when DEV=true and the package is installed; it is an
  // optional peer we do not ship, so leave the import to fail at run time instead of bundling.
  // The PostgreSQL driver `pg` is bundled into its own chunk, loaded only by `-db postgres://…`;
  // its optional native binding `pg-native` is never used.
  external: ['fastify', '@fastify/*', 'ajv', 'react-devtools-core', 'pg-native'],
  logLevel: 'warning',
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
