// The deck as a tab-separated text file that Anki imports (File › Import): one note per card,
// with the card id as the note's GUID, so importing a newer export updates notes instead of adding copies.
import type { Card, SourceDocument } from '../model.ts';

export const ANKI_FILE_NAME = 'kz-tm-study-deck.txt';

/**
 * A field as Anki's importer reads it: a field holding a tab, a line break or a double quote, or
 * starting with "#", is put in double quotes, with its own quotes doubled.
 */
export function ankiField(text: string): string {
	return /[\t\r\n"]|^#/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function sources(card: Card, documentTitle: (id: string) => string): string {
	return card.refs.map((r) => `“${r.quote}” — ${documentTitle(r.document)}`).join('\n');
}

/** Columns: question, answer, topics as tags, the source quotes with their documents, GUID. */
export function ankiDeckText(
	cards: readonly Card[],
	documents: readonly Pick<SourceDocument, 'id' | 'title'>[],
	deckName: string
): string {
	const titles = new Map(documents.map((d) => [d.id, d.title]));
	const title = (id: string) => titles.get(id) ?? id;
	const lines = [
		'#separator:tab',
		'#html:false',
		`#deck:${deckName.replace(/[\r\n]+/g, ' ')}`,
		'#columns:Question\tAnswer\tTags\tSource\tGUID',
		'#tags column:3',
		'#guid column:5'
	];
	for (const card of cards) {
		lines.push(
			[card.question, card.answer, card.topics.join(' '), sources(card, title), card.id]
				.map(ankiField)
				.join('\t')
		);
	}
	return lines.join('\n') + '\n';
}
