// Cards made up for the unit tests: their shape, not their facts, matters.
import type { Card } from '../../src/lib/model.ts';

export function makeCard(n: number, over: Partial<Card> = {}): Card {
	return {
		id: `card-${n}`,
		question: `Question ${n}?`,
		answer: `Answer ${n}`,
		topics: ['topic'],
		refs: [{ document: 'doc', passage: `p${n}`, quote: `quote ${n}` }],
		choices: [`Wrong ${n}a`, `Wrong ${n}b`, `Wrong ${n}c`],
		accept: [`Answer ${n}`],
		truefalse: { right: `Statement ${n} is right.`, wrong: `Statement ${n} is wrong.` },
		order: n,
		...over
	};
}

export function makeCards(count: number, over: (n: number) => Partial<Card> = () => ({})): Card[] {
	return Array.from({ length: count }, (_, i) => makeCard(i + 1, over(i + 1)));
}
