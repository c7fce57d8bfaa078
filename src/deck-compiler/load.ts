// Node only: reads content/ from disk. Used by the Vite plugin and the deck scripts.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { compileDeck, type ContentFile } from './compile.ts';
import type { Deck } from '../lib/model.ts';

function readFolder(root: string, folder: string, ending: string): ContentFile[] {
	const dir = resolve(root, folder);
	return readdirSync(dir)
		.filter((name) => name.endsWith(ending))
		.sort()
		.map((name) => {
			const path = join(dir, name);
			return { file: relative(root, path), text: readFileSync(path, 'utf8') };
		});
}

/** The content folder: content/, or CONTENT_DIR (the benchmark builds the app with a synthetic deck). */
export function contentDir(): string {
	return process.env.CONTENT_DIR ?? 'content';
}

/** The list of ids of cards dropped with no successor (optional). */
export const RETIRED_FILE = 'retired-ids.yaml';

export function contentFiles(root: string): {
	sources: ContentFile[];
	cards: ContentFile[];
	retired?: ContentFile;
} {
	const retiredPath = resolve(root, contentDir(), RETIRED_FILE);
	return {
		sources: readFolder(root, join(contentDir(), 'sources'), '.md'),
		cards: readFolder(root, join(contentDir(), 'cards'), '.yaml'),
		retired: existsSync(retiredPath)
			? { file: relative(root, retiredPath), text: readFileSync(retiredPath, 'utf8') }
			: undefined
	};
}

export function loadDeck(root: string): Deck {
	const { sources, cards, retired } = contentFiles(root);
	return compileDeck(sources, cards, retired);
}
