import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The hash-detection staff UI. `npm run build` writes it to dist/apps/hash-detection-web, which the
 * hash-detection service serves at `/`. In development (`npx vite apps/hash-detection-web`) the
 * dev server proxies `/api` to the service on port 3002.
 */
const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  resolve: { alias: { '@vigil/web-ui': resolve(here, '../../libs/shared/web-ui/src') } },
  build: { outDir: resolve(here, '../../dist/apps/hash-detection-web'), emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3002' } },
});
