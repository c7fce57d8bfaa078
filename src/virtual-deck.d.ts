// The compiled deck, made from content/ by src/lib/content/vite-plugin.ts: the URL of its JSON file
// in a production build, the deck itself in dev and tests.
declare module 'virtual:deck' {
	const deck: import('$lib/content/types').Deck | string;
	export default deck;
}

// Its summary (src/lib/content/summary.ts), the same way: a URL in a production build, the object in dev and tests.
declare module 'virtual:deck-summary' {
	const summary: import('$lib/content/summary').DeckSummary | string;
	export default summary;
}
