import { error } from '@sveltejs/kit';
import { documentById, documents } from '$lib/deck/deck.ts';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => documents.map((d) => ({ document: d.id }));

export const load: PageLoad = ({ params }) => {
	const doc = documentById.get(params.document);
	if (!doc) error(404, `There is no document called “${params.document}”.`);
	return { doc };
};
