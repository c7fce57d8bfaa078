// Lets the bench's Node code import the app's modules that read the deck plugin's virtual modules
// (`virtual:deck-renames`, which db/index.ts reaches): a module loader hook answers them with the same
// data the Vite plugin compiles from content/.
import { register } from 'node:module';
import { loadDeck } from '../src/deck-compiler/load.ts';
import { deckRenames } from '../src/lib/deck/renames.ts';

const hook = `
let modules = {};
export function initialize(data) { modules = data; }
export async function resolve(specifier, context, next) {
	if (specifier in modules) return { url: 'data:text/javascript,' + encodeURIComponent(modules[specifier]), shortCircuit: true };
	return next(specifier, context);
}`;

/** Registers the hook for the deck in `root`/content (call before importing the app's database code). */
export function registerVirtualModules(root: string): void {
	const deck = loadDeck(root);
	const modules = { 'virtual:deck-renames': `export default ${JSON.stringify(deckRenames(deck))};` };
	register('data:text/javascript,' + encodeURIComponent(hook), { data: modules });
}
