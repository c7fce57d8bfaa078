// A small digest of the compiled deck for screens that only count cards by topic (the stats page) or check
// ids (a backup's import): it spares them fetching and parsing every card's text.
import type { Deck } from '../model.ts';

export interface DeckSummary {
	documentIds: string[];
	topics: { id: string; title: string }[];
	/** Every card id, in deck order. */
	cardIds: string[];
	/** For each topic (same order as `topics`), its cards as indices into `cardIds`, ascending. */
	topicCards: number[][];
}

export function summarizeDeck(deck: Deck): DeckSummary {
	const topicIndex = new Map(deck.topics.map((t, i) => [t.id, i]));
	const topicCards = deck.topics.map((): number[] => []);
	deck.cards.forEach((c, i) => {
		for (const t of new Set(c.topics)) {
			const k = topicIndex.get(t);
			if (k !== undefined) topicCards[k]!.push(i);
		}
	});
	return {
		documentIds: deck.documents.map((d) => d.id),
		topics: deck.topics.map((t) => ({ id: t.id, title: t.title })),
		cardIds: deck.cards.map((c) => c.id),
		topicCards
	};
}
