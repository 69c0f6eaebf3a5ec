// Builds the console into console/dist (served by `fastroute start` at /), and runs a dev server
// that proxies the admin API to a running FastRoute (FASTROUTE_URL, default http://127.0.0.1:4650).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.FASTROUTE_URL ?? 'http://127.0.0.1:4650';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One small app: a single JS chunk loads faster than a waterfall of lazy chunks.
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/fastroute': { target: api } },
  },
});
