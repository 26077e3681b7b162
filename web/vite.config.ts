import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The web app builds into the package (dist/web); `tk server` serves it and proxies nothing.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    // React, TanStack Query, dnd-kit and the Radix primitives of the shell and the board.
    chunkSizeWarningLimit: 450,
  },
  server: {
    // During `vite dev`, the API runs on `tk server` (TICKET_DEV_API, default :8080).
    proxy: {
      '/api': { target: process.env.TICKET_DEV_API ?? 'http://localhost:8080', ws: true },
    },
  },
})
