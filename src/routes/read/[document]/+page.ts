import { error } from '@sveltejs/kit';
import { documentById, documents } from '$lib/deck/deck.ts';
import type { EntryGenerator, PageLoad } from './$types';

// Prerendered for every document of the deck; any other name is rendered where it is asked for (a server such as
// `vite preview`, or in the browser from the fallback page), so its not-found page says what was not found.
export const prerender = 'auto';

export const entries: EntryGenerator = () => documents.map((d) => ({ document: d.id }));

export const load: PageLoad = ({ params }) => {
	const doc = documentById.get(params.document);
	if (!doc) error(404, `There is no document called “${params.document}”.`);
	return { doc };
};
