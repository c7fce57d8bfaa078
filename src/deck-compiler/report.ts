import { sameWords } from './compile.ts';
import type { Card, Deck } from '../lib/model.ts';

/** What the deck must meet; a rule broken here fails `npm run deck:report`. */
export const DECK_RULES = {
	minCards: 120,
	minCardsPerPassage: 3,
	/** A long passage needs one card for every this many characters, when that is more than 3. */
	charactersPerCard: 200,
	minCardsPerDocument: { encyclopedia: 35 } as Record<string, number>,
	minBothDocumentCards: 12,
	minTopics: 8,
	minCardsPerTopic: 8
};

export interface PassageCoverage {
	document: string;
	passage: string;
	characters: number;
	cards: number;
	required: number;
}

export interface DeckReport {
	cards: number;
	perDocument: { document: string; cards: number; required: number }[];
	perPassage: PassageCoverage[];
	perTopic: { topic: string; title: string; cards: number }[];
	bothDocuments: number;
	withTyped: number;
	withTrueFalse: number;
	problems: string[];
}

export function documentsOf(card: Card): string[] {
	return [...new Set(card.refs.map((r) => r.document))];
}

/** True when the question gives its own answer away. */
export function leaksAnswer(card: Card): boolean {
	const words = (s: string) =>
		s
			.normalize('NFKD')
			.replace(/\p{M}/gu, '')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}]+/gu, ' ')
			.trim();
	const answer = words(card.answer);
	return answer.length >= 4 && ` ${words(card.question)} `.includes(` ${answer} `);
}

export function deckReport(deck: Deck): DeckReport {
	const problems: string[] = [];
	const R = DECK_RULES;
	if (deck.cards.length < R.minCards)
		problems.push(`the deck has ${deck.cards.length} cards; it needs at least ${R.minCards}`);

	const perPassage: PassageCoverage[] = [];
	for (const doc of deck.documents) {
		for (const p of doc.passages) {
			if (p.meta) continue;
			const cards = deck.cards.filter((c) =>
				c.refs.some((r) => r.document === doc.id && r.passage === p.id)
			).length;
			const required = Math.max(R.minCardsPerPassage, Math.ceil(p.text.length / R.charactersPerCard));
			perPassage.push({ document: doc.id, passage: p.id, characters: p.text.length, cards, required });
			if (cards < required)
				problems.push(`passage ${doc.id}#${p.id} has ${cards} cards; it needs at least ${required}`);
		}
	}

	const perDocument = deck.documents.map((d) => {
		const cards = deck.cards.filter((c) => documentsOf(c).includes(d.id)).length;
		const required = R.minCardsPerDocument[d.id] ?? 0;
		if (cards < required) problems.push(`document ${d.id} has ${cards} cards; it needs at least ${required}`);
		return { document: d.id, cards, required };
	});

	const bothDocuments = deck.cards.filter((c) => documentsOf(c).length >= 2).length;
	if (bothDocuments < R.minBothDocumentCards) {
		problems.push(`${bothDocuments} cards tie both documents; at least ${R.minBothDocumentCards} must`);
	}

	const perTopic = deck.topics.map((t) => ({
		topic: t.id,
		title: t.title,
		cards: deck.cards.filter((c) => c.topics.includes(t.id)).length
	}));
	if (perTopic.length < R.minTopics)
		problems.push(`the deck has ${perTopic.length} topics; it needs at least ${R.minTopics}`);
	for (const t of perTopic) {
		if (t.cards < R.minCardsPerTopic)
			problems.push(`topic ${t.topic} has ${t.cards} cards; it needs at least ${R.minCardsPerTopic}`);
	}

	for (const c of deck.cards) {
		if (c.accept.length === 0 && !c.truefalse) {
			problems.push(
				`card ${c.id} has neither accepted typed answers nor a true/false form: a quiz can only ask it as multiple choice`
			);
		}
		if (leaksAnswer(c)) problems.push(`card ${c.id}: the question contains its own answer`);
		if (c.truefalse && sameWords(c.truefalse.wrong, c.truefalse.right))
			problems.push(`card ${c.id}: true/false forms are the same`);
	}

	return {
		cards: deck.cards.length,
		perDocument,
		perPassage,
		perTopic,
		bothDocuments,
		withTyped: deck.cards.filter((c) => c.accept.length > 0).length,
		withTrueFalse: deck.cards.filter((c) => c.truefalse).length,
		problems
	};
}

export function formatReport(r: DeckReport): string {
	const lines: string[] = [];
	lines.push(
		`Deck: ${r.cards} cards, ${r.bothDocuments} tie both documents, ${r.withTyped} can be typed, ${r.withTrueFalse} have a true/false form.`
	);
	lines.push('', 'Cards per document:');
	for (const d of r.perDocument)
		lines.push(
			`  ${d.document.padEnd(28)} ${String(d.cards).padStart(4)}${d.required ? `  (needs ${d.required})` : ''}`
		);
	lines.push('', 'Cards per passage (passage, characters, cards / needed):');
	let doc = '';
	for (const p of r.perPassage) {
		if (p.document !== doc) lines.push(`  ${(doc = p.document)}`);
		const mark = p.cards >= p.required ? ' ' : '!';
		lines.push(
			`   ${mark} ${p.passage.padEnd(26)} ${String(p.characters).padStart(5)}  ${String(p.cards).padStart(3)} / ${p.required}`
		);
	}
	lines.push('', 'Cards per topic:');
	for (const t of r.perTopic)
		lines.push(`  ${t.topic.padEnd(28)} ${String(t.cards).padStart(4)}  ${t.title}`);
	lines.push('');
	if (r.problems.length) {
		lines.push(`${r.problems.length} rule(s) broken:`);
		for (const p of r.problems) lines.push(`  - ${p}`);
	} else {
		lines.push('Every deck rule is met.');
	}
	return lines.join('\n');
}
