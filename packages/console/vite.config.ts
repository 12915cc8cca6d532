import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is served by `vigil serve` from dist/app; browser tests compile to dist/e2e.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist/app', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 700 },
  server: { proxy: { '/v1': 'http://127.0.0.1:7411', '/healthz': 'http://127.0.0.1:7411' } },
});
