// What a quiz can be about: every card (mixed), one topic, or one document.
import type { Card, SourceDocument, Topic } from '../model.ts';

/** The parts of the deck a quiz draws on. */
export interface QuizDeck {
	cards: readonly Card[];
	topics: readonly Topic[];
	documents: readonly SourceDocument[];
}

export const MIXED = 'mixed';

export interface QuizScope {
	/** "mixed", a topic id or a document id: the last part of /quiz/<id>. */
	id: string;
	kind: 'mixed' | 'topic' | 'document';
	title: string;
	cards: Card[];
}

/** Mixed first, then the topics and the documents in the deck's order. */
export function quizScopes(deck: QuizDeck): QuizScope[] {
	return [
		{ id: MIXED, kind: 'mixed', title: 'Mixed (all topics)', cards: [...deck.cards] },
		...deck.topics.map((t) => ({
			id: t.id,
			kind: 'topic' as const,
			title: t.title,
			cards: deck.cards.filter((c) => c.topics.includes(t.id))
		})),
		...deck.documents.map((d) => ({
			id: d.id,
			kind: 'document' as const,
			title: d.title,
			cards: deck.cards.filter((c) => c.refs.some((r) => r.document === d.id))
		}))
	];
}

export function findScope(deck: QuizDeck, id: string): QuizScope | undefined {
	return quizScopes(deck).find((s) => s.id === id);
}
