// The compiled deck, made from content/ by src/deck-compiler/vite-plugin.ts: the URL of its JSON file
// in a production build, the deck itself in dev and tests.
declare module 'virtual:deck' {
	const deck: import('./lib/model.ts').Deck | string;
	export default deck;
}

// Its summary (src/lib/deck/summarize.ts), the same way: a URL in a production build, the object in dev and tests.
declare module 'virtual:deck-summary' {
	const summary: import('./lib/deck/summarize.ts').DeckSummary | string;
	export default summary;
}

// The deck's renamed and retired card ids (src/lib/deck/renames.ts), always the object itself.
declare module 'virtual:deck-renames' {
	const renames: import('./lib/deck/renames.ts').DeckRenames;
	export default renames;
}
