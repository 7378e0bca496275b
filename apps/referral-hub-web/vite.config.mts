import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The referral hub staff UI. `npm run build` writes it to dist/apps/referral-hub-web, which the
 * referral-hub service serves at `/`. In development (`npx vite apps/referral-hub-web`) the
 * dev server proxies `/api` to the service on port 3003.
 */
const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  resolve: { alias: { '@vigil/web-ui': resolve(here, '../../libs/shared/web-ui/src') } },
  build: { outDir: resolve(here, '../../dist/apps/referral-hub-web'), emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3003' } },
});
