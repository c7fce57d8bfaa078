// The deck's summary (topics and card ids, summarize.ts), for screens that need no card's text:
// a small JSON file in the build (cached by the service worker), fetched once, when first asked for.
import source from 'virtual:deck-summary';
import type { DeckSummary } from './summarize.ts';

export type { DeckSummary };

let loading: Promise<DeckSummary> | null = null;

async function fetchSummary(url: string): Promise<DeckSummary> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`The deck could not be loaded (${response.status}). Reload the page.`);
	return (await response.json()) as DeckSummary;
}

export function deckSummary(): Promise<DeckSummary> {
	if (!loading) {
		loading = typeof source === 'string' ? fetchSummary(source) : Promise.resolve(source);
		// A failed fetch is tried again on the next call.
		loading.catch(() => (loading = null));
	}
	return loading;
}

/** Each topic's card ids, in deck order. */
export function cardIdsByTopic(summary: DeckSummary): Map<string, string[]> {
	return new Map(
		summary.topics.map((t, k) => [t.id, summary.topicCards[k]!.map((i) => summary.cardIds[i]!)])
	);
}

/** The deck's card ids as a set, for telling whether a stored card is still in the deck. */
export function cardIdSet(summary: DeckSummary): ReadonlySet<string> {
	return new Set(summary.cardIds);
}
