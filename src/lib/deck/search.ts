import type { Card } from '../model.ts';

/** Lower case, no diacritics, punctuation as spaces: how search compares text. */
export function foldText(s: string): string {
	return s
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

export interface CardFilter {
	topic?: string;
	document?: string;
	query?: string;
}

/** Cards in the topic and document, whose question or answer holds every word of the query. */
export function filterCards(cards: readonly Card[], filter: CardFilter): Card[] {
	const words = foldText(filter.query ?? '')
		.split(' ')
		.filter(Boolean);
	return cards.filter((card) => {
		if (filter.topic && !card.topics.includes(filter.topic)) return false;
		if (filter.document && !card.refs.some((r) => r.document === filter.document)) return false;
		if (!words.length) return true;
		const haystack = ` ${foldText(card.question)} ${foldText(card.answer)} `;
		return words.every((w) => haystack.includes(w));
	});
}
