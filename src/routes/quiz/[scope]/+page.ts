import { error } from '@sveltejs/kit';
import { cards, documents, topics } from '$lib/deck/deck.ts';
import { findScope, quizScopes } from '$lib/quiz/scope.ts';
import type { EntryGenerator, PageLoad } from './$types';

const deck = { cards, topics, documents };

// Prerendered for every scope of the deck; any other name is rendered where it is asked for (a server such as
// `vite preview`, or in the browser from the fallback page), so its not-found page says what was not found.
export const prerender = 'auto';

export const entries: EntryGenerator = () => quizScopes(deck).map((s) => ({ scope: s.id }));

export const load: PageLoad = ({ params }) => {
	const scope = findScope(deck, params.scope);
	if (!scope) {
		error(404, `There is no topic or document called “${params.scope}” to make a quiz of.`);
	}
	return { scope };
};
