// The compiled deck (compiled from content/ by src/deck-compiler/), with the look-ups every screen needs.
import source from 'virtual:deck';
import type { Card, Deck, Ref, SourceDocument, Topic } from '../model.ts';

async function fetchDeck(url: string): Promise<Deck> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`The deck could not be loaded (${response.status}). Reload the page.`);
	return (await response.json()) as Deck;
}

// The deck is a JSON file in the build (cached by the service worker); every screen needs it
// before it can show anything, so the module waits for it once.
const deck: Deck = typeof source === 'string' ? await fetchDeck(source) : source;

export const documents: readonly SourceDocument[] = deck.documents;
export const topics: readonly Topic[] = deck.topics;
export const cards: readonly Card[] = deck.cards;

export const cardById = new Map(cards.map((c) => [c.id, c]));
export const documentById = new Map(documents.map((d) => [d.id, d]));
export const topicById = new Map(topics.map((t) => [t.id, t]));

const byPassage = new Map<string, Card[]>();
for (const card of cards) {
	for (const key of new Set(card.refs.map((r) => `${r.document}#${r.passage}`))) {
		const list = byPassage.get(key) ?? [];
		list.push(card);
		byPassage.set(key, list);
	}
}

export function cardsOfPassage(document: string, passage: string): Card[] {
	return byPassage.get(`${document}#${passage}`) ?? [];
}

export function cardsOfDocument(document: string): Card[] {
	return cards.filter((c) => c.refs.some((r) => r.document === document));
}

export function cardsOfTopic(topic: string): Card[] {
	return cards.filter((c) => c.topics.includes(topic));
}

/** The reader's address of a reference: the passage, with its quote to highlight. */
export function refHref(ref: Ref): string {
	return `/read/${ref.document}?quote=${encodeURIComponent(ref.quote)}#${ref.passage}`;
}

export function documentTitle(id: string): string {
	return documentById.get(id)?.title ?? id;
}

/** A short name for a document, for labels beside quotes. */
export function documentShortName(id: string): string {
	return documentById.get(id)?.shortTitle ?? id;
}
