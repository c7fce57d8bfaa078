import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { deckPlugin } from './src/deck-compiler/vite-plugin.ts';

export default defineConfig({
	plugins: [deckPlugin(), sveltekit()],
	// The backup worker opens the database, which reads the deck's renamed card ids (virtual:deck-renames).
	worker: { plugins: () => [deckPlugin()] },
	resolve: {
		alias: [
			// Dexie's package entry wraps its UMD build; its ES module build is smaller once minified.
			{
				find: /^dexie$/,
				replacement: fileURLToPath(new URL('./node_modules/dexie/dist/modern/dexie.mjs', import.meta.url))
			}
		]
	},
	environments: {
		// One chunk for what every screen loads anyway (Svelte's and SvelteKit's runtime with the root
		// layout's own imports), rather than several small files; each screen's own code still splits.
		client: {
			build: {
				rolldownOptions: {
					output: {
						codeSplitting: {
							groups: [
								{
									name: 'shell',
									test: /src[\\/]lib[\\/](perf|errors|pwa[\\/]schema-upgrade|ui[\\/]format)\.ts|svelte[\\/]src[\\/]internal[\\/]disclose-version|kit[\\/]src[\\/]runtime[\\/]app[\\/](state|navigation|environment)/
								}
							]
						}
					}
				}
			}
		}
	},
	preview: { port: 4173, strictPort: true },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node'
	}
});
