import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { contentDir, contentFiles } from './load.ts';
import { compileDeck } from './compile.ts';
import { summarizeDeck } from '../lib/deck/summarize.ts';
import { deckRenames } from '../lib/deck/renames.ts';

const ID = 'virtual:deck';
const RESOLVED = '\0' + ID;
/** The deck's summary (./summary.ts): topics and card ids only, for the stats page and imports. */
const SUMMARY_ID = 'virtual:deck-summary';
const SUMMARY_RESOLVED = '\0' + SUMMARY_ID;
/** The renamed and retired card ids (../lib/deck/renamed.ts): small, always inlined, read as the database opens. */
const RENAMES_ID = 'virtual:deck-renames';
const RENAMES_RESOLVED = '\0' + RENAMES_ID;

/**
 * Compiles content/ into the module `virtual:deck` (and its summary, `virtual:deck-summary`, and its renamed
 * and retired card ids, `virtual:deck-renames`); invalid content fails the build.
 * In a production build the deck is emitted as a hashed JSON file and the module exports its URL,
 * so the deck is data the service worker caches, not JavaScript every page must parse.
 * In dev and tests the module exports the deck itself.
 */
export function deckPlugin(): Plugin {
	let root = process.cwd();
	let build = false;
	/** The compiled deck, shared by the deck and its summary; dropped when content changes in dev. */
	let compiled: ReturnType<typeof compileDeck> | undefined;
	return {
		name: 'deck',
		configResolved(config) {
			root = config.root;
			build = config.command === 'build' && !process.env.VITEST;
		},
		resolveId(id) {
			if (id === ID) return RESOLVED;
			if (id === RENAMES_ID) return RENAMES_RESOLVED;
			return id === SUMMARY_ID ? SUMMARY_RESOLVED : undefined;
		},
		load(id) {
			if (id !== RESOLVED && id !== SUMMARY_RESOLVED && id !== RENAMES_RESOLVED) return;
			const { sources, cards, retired } = contentFiles(root);
			for (const f of [...sources, ...cards, ...(retired ? [retired] : [])])
				this.addWatchFile(join(root, f.file));
			const deck = (compiled ??= compileDeck(sources, cards, retired));
			if (id === RENAMES_RESOLVED) return `export default ${JSON.stringify(deckRenames(deck))};`;
			const summary = id === SUMMARY_RESOLVED;
			const json = JSON.stringify(summary ? summarizeDeck(deck) : deck);
			// The server-side build (used only to prerender the pages) takes the deck inline.
			if (build && !this.environment?.config.consumer?.includes('server')) {
				const name = summary ? 'deck-summary.json' : 'deck.json';
				const ref = this.emitFile({ type: 'asset', name, source: json });
				return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
			}
			// JSON.parse of a string literal is parsed faster than the same object as JavaScript.
			return `export default JSON.parse(${JSON.stringify(json)});`;
		},
		configureServer(server) {
			const dir = resolve(root, contentDir());
			server.watcher.add(dir);
			server.watcher.on('change', (path) => {
				if (!path.startsWith(dir)) return;
				compiled = undefined;
				for (const resolved of [RESOLVED, SUMMARY_RESOLVED, RENAMES_RESOLVED]) {
					const mod = server.moduleGraph.getModuleById(resolved);
					if (mod) server.moduleGraph.invalidateModule(mod);
				}
				server.ws.send({ type: 'full-reload' });
			});
		}
	};
}
