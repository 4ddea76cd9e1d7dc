import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

// The workbench is served by the zhifa server under /app/ (index.html for any /app/* path).
// In development, `npm run dev:web` proxies the API to a server on :8080 (override with ZHIFA_API).
export default defineConfig({
  root: webRoot,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Pages are lazy chunks; the shared antd core (~620 kB, ~200 kB gzip) is one chunk loaded at start.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': { target: process.env.ZHIFA_API ?? 'http://localhost:8080', changeOrigin: false },
    },
  },
});
