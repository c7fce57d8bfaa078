// Node only: reads content/ from disk. Used by the Vite plugin and the deck scripts.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compileDeck, type ContentFile } from './compile.ts';
import type { Deck } from './types.ts';

function readFolder(root: string, folder: string, ending: string): ContentFile[] {
	const dir = join(root, folder);
	return readdirSync(dir)
		.filter((name) => name.endsWith(ending))
		.sort()
		.map((name) => {
			const path = join(dir, name);
			return { file: relative(root, path), text: readFileSync(path, 'utf8') };
		});
}

export function contentFiles(root: string): { sources: ContentFile[]; cards: ContentFile[] } {
	return {
		sources: readFolder(root, 'content/sources', '.md'),
		cards: readFolder(root, 'content/cards', '.yaml')
	};
}

export function loadDeck(root: string): Deck {
	const { sources, cards } = contentFiles(root);
	return compileDeck(sources, cards);
}
