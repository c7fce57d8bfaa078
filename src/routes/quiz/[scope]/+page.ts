import { error } from '@sveltejs/kit';
import { cards, documents, topics } from '$lib/deck/deck.ts';
import { findScope, quizScopes } from '$lib/quiz/scope.ts';
import type { EntryGenerator, PageLoad } from './$types';

const deck = { cards, topics, documents };

export const entries: EntryGenerator = () => quizScopes(deck).map((s) => ({ scope: s.id }));

export const load: PageLoad = ({ params }) => {
	const scope = findScope(deck, params.scope);
	if (!scope) {
		error(404, `There is no topic or document called “${params.scope}” to make a quiz of.`);
	}
	return { scope };
};
