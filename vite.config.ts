import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** Where `npm run dev` finds the API and sync server (scripts/dev.mjs starts it there). */
const apiTarget = `http://127.0.0.1:${process.env.KUILU_API_PORT ?? 8081}`

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: { main: 'client/index.html', sw: 'client/sw.ts' },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: {
    proxy: {
      '/sync': { target: apiTarget, ws: true },
      '/api': apiTarget,
      '/new': apiTarget,
      '/healthz': apiTarget,
      '/metrics': apiTarget,
    },
  },
})
