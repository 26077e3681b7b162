/** @module `/`: the web app's build when there is one, else a page saying the server is up. */
import { existsSync } from 'node:fs'
import { join, sep } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { App } from './app-type.ts'
import { notFoundHandler } from './error-handler.ts'

const placeholder = (version: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>ticket server</title></head>
<body>
<h1>ticket server ${version} is up</h1>
<p>The web app is not built into this server yet. The HTTP API is described at
<a href="/api/docs">/api/docs</a> (OpenAPI document: <a href="/api/openapi.json">/api/openapi.json</a>).</p>
</body>
</html>
`

export async function webRoutes(app: App, options: { webRoot?: string; version: string }) {
  const root = options.webRoot
  if (!root || !existsSync(join(root, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(placeholder(options.version)),
    )
    app.setNotFoundHandler(notFoundHandler)
    return
  }
  await app.register(fastifyStatic, {
    root,
    // One route for every file, resolved per request: a route per file would mean walking the
    // build at start, which took a fifth of the server's cold start (decision 0038).
    cacheControl: false,
    // Vite names every asset by its content hash, so it can be cached for a year; index.html
    // names the current hashes and must be revalidated on every visit.
    setHeaders: (reply, path) =>
      reply.header(
        'cache-control',
        path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  })
  // api.md: the single-page app answers every path outside /api/ with index.html.
  app.setNotFoundHandler((req, reply) =>
    req.url.startsWith('/api/') || req.method !== 'GET'
      ? notFoundHandler(req, reply)
      : reply.type('text/html; charset=utf-8').sendFile('index.html'),
  )
}
