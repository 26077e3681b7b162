/** @module Compressed answers: brotli or gzip, as the client asks, for the web app and the JSON. */
import { constants } from 'node:zlib'
import fastifyCompress from '@fastify/compress'
import type { App } from './app-type.ts'

/**
 * Below this many bytes compression costs more time than the bytes it saves: a GET of one
 * ticket (about 1.3 KB) stays uncompressed, as compressing it halved that route's throughput;
 * lists, boards and the web app's assets are far larger. WebSocket upgrades are untouched.
 */
export const COMPRESS_THRESHOLD = 4096

export async function addCompression(app: App) {
  await app.register(fastifyCompress, {
    global: true,
    threshold: COMPRESS_THRESHOLD,
    encodings: ['br', 'gzip'],
    // Answers are compressed as they are sent: brotli's fast levels compress JSON about as
    // well as gzip's best, at a fraction of the time of its default (11).
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  })
}
