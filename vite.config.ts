import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import type { Connect, Plugin } from 'vite';
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

// Cross-origin isolation, which the optimizer's WebAssembly threads need (SharedArrayBuffer). The app loads
// nothing from other origins, so requiring CORP of cross-origin resources costs nothing. A host must send both.
const isolation = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp'
};

/** Sends the isolation headers with every response, SvelteKit's pages included (its middleware serves them). */
function crossOriginIsolation(): Plugin {
	const send = (server: { middlewares: Connect.Server }): void => {
		server.middlewares.use((_req, res, next) => {
			for (const [name, value] of Object.entries(isolation)) res.setHeader(name, value);
			next();
		});
	};
	return { name: 'cross-origin-isolation', configureServer: send, configurePreviewServer: send };
}

export default defineConfig({
	plugins: [crossOriginIsolation(), deckPlugin(), sveltekit()],
	// The backup worker opens the database, which reads the deck's renamed card ids (virtual:deck-renames).
	// Module workers: the optimizer's thread helper (fsrs-browser's wasm-bindgen-rayon) imports its package,
	// which only a bundler resolves.
	worker: { format: 'es', plugins: () => [deckPlugin()] },
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
	server: { headers: isolation, proxy: syncProxy },
	preview: { port: 4173, strictPort: true, headers: isolation, proxy: syncProxy },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		// The backup tests write and check whole logs (a 20 MB file, a round trip): a second or two alone, longer
		// on a machine shared with builds and browsers. Room for that, rather than Vitest's 5 s.
		testTimeout: 20_000
	}
});
