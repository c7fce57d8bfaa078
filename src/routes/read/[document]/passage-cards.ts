// The cards under a passage, as HTML: static text the page prerenders and never changes, so it is given to Svelte
// as one string per passage ({@html}), which hydration takes as it is, in place of the hundreds of elements and
// text bindings a template loop would walk on every document page.
import type { Card } from '$lib/model.ts';

const ENTITIES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/** Text safe inside an element or a quoted attribute. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** The list items of a passage's cards: question, answer and topics, each escaped. */
export function passageCardsHtml(cards: readonly Card[], topicTitle: (id: string) => string): string {
	return cards
		.map(
			(card) =>
				`<li><p class="q">${escapeHtml(card.question)}</p><p class="a"><strong>${escapeHtml(card.answer)}</strong></p>` +
				`<ul class="chips" aria-label="Topics">${card.topics.map((t) => `<li class="chip">${escapeHtml(topicTitle(t))}</li>`).join('')}</ul></li>`
		)
		.join('');
}
