import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { deckPlugin } from './src/lib/content/vite-plugin.ts';

export default defineConfig({
	plugins: [deckPlugin(), sveltekit()],
	preview: { port: 4173, strictPort: true },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node'
	}
});
