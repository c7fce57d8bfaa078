import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { deckPlugin } from './src/deck-compiler/vite-plugin.ts';

// The sync server (npm run sync-server, or CouchDB) answers under /couch/ on the app's own origin, so the
// content security policy stays 'self': `vite dev`, `vite preview` and `npm start` pass /couch/… on to SYNC_URL.
const syncUrl = process.env.SYNC_URL ?? 'http://127.0.0.1:5984';
const syncProxy = {
	'^/couch(/|$)': {
		target: syncUrl,
		changeOrigin: true,
		rewrite: (path: string) => path.replace(/^\/couch/, '') || '/'
	}
};

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
	server: { proxy: syncProxy },
	preview: { port: 4173, strictPort: true, proxy: syncProxy },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node'
	}
});
