import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { contentDir, contentFiles } from './load.ts';
import { compileDeck } from './compile.ts';

const ID = 'virtual:deck';
const RESOLVED = '\0' + ID;

/** Compiles content/ into the module `virtual:deck`; invalid content fails the build. */
export function deckPlugin(): Plugin {
	let root = process.cwd();
	return {
		name: 'deck',
		configResolved(config) {
			root = config.root;
		},
		resolveId(id) {
			return id === ID ? RESOLVED : undefined;
		},
		load(id) {
			if (id !== RESOLVED) return;
			const { sources, cards } = contentFiles(root);
			for (const f of [...sources, ...cards]) this.addWatchFile(join(root, f.file));
			const deck = compileDeck(sources, cards);
			// JSON.parse of a string literal is parsed faster than the same object as JavaScript.
			return `export default JSON.parse(${JSON.stringify(JSON.stringify(deck))});`;
		},
		configureServer(server) {
			const dir = resolve(root, contentDir());
			server.watcher.add(dir);
			server.watcher.on('change', (path) => {
				if (!path.startsWith(dir)) return;
				const mod = server.moduleGraph.getModuleById(RESOLVED);
				if (mod) server.moduleGraph.invalidateModule(mod);
				server.ws.send({ type: 'full-reload' });
			});
		}
	};
}
