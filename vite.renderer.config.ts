import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative base: Electron loads the page from file://, browser mode from http://127.0.0.1.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: false },
});
