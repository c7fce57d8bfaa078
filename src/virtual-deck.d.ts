// The compiled deck, made from content/ by src/lib/content/vite-plugin.ts.
declare module 'virtual:deck' {
	const deck: import('$lib/content/types').Deck;
	export default deck;
}
