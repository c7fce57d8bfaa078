// Cards merged or renamed (`replaces` in the content): the rows a learner stored under an old id are the new
// card's. Pure: the database (db/renames.ts, db/remap.ts) and a backup's import (backup/jobs.ts) apply these.
import type { CardFlagRow, Deck, QuizRow } from '../model.ts';

export interface DeckRenames {
	/** Old card id → the card that replaces it. */
	replaced: Record<string, string>;
	/** Ids of cards dropped with no successor: their rows stay, unused, and a backup naming them still imports. */
	retired: string[];
}

export function deckRenames(deck: Deck): DeckRenames {
	const replaced: Record<string, string> = {};
	for (const card of deck.cards) for (const old of card.replaces ?? []) replaced[old] = card.id;
	return { replaced, retired: deck.retired ?? [] };
}

/** The id a row's card has now: its successor's when it was replaced. */
export function currentId(renames: ReadonlyMap<string, string>, cardId: string): string {
	return renames.get(cardId) ?? cardId;
}

/**
 * One flag per card from flags of cards merged into it: the most recently changed one (as a backup's import
 * keeps the newer of two flags), under the card's current id.
 */
export function mergeFlags(
	renames: ReadonlyMap<string, string>,
	flags: readonly CardFlagRow[]
): CardFlagRow[] {
	const byCard = new Map<string, CardFlagRow>();
	for (const flag of flags) {
		const cardId = currentId(renames, flag.cardId);
		const kept = byCard.get(cardId);
		if (!kept || flag.updatedAt > kept.updatedAt) byCard.set(cardId, { ...flag, cardId });
	}
	return [...byCard.values()];
}

/**
 * A quiz with its cards under their current ids, or null when none of them was renamed. When two cards asked in
 * one quiz are merged, the quiz keeps the first of them and its answer (a card is asked once in a quiz), and a
 * finished quiz's score counts the answers kept.
 */
export function renameQuiz(renames: ReadonlyMap<string, string>, quiz: QuizRow): QuizRow | null {
	if (!quiz.cardIds.some((id) => renames.has(id)) && !quiz.answers.some((a) => renames.has(a.cardId)))
		return null;
	const firstOf = new Map<string, string>();
	const cardIds: string[] = [];
	for (const id of quiz.cardIds) {
		const now = currentId(renames, id);
		if (firstOf.has(now)) continue;
		firstOf.set(now, id);
		cardIds.push(now);
	}
	const answers = quiz.answers
		.filter((a) => firstOf.get(currentId(renames, a.cardId)) === a.cardId)
		.map((a) => ({ ...a, cardId: currentId(renames, a.cardId) }));
	const dropped = answers.length !== quiz.answers.length || cardIds.length !== quiz.cardIds.length;
	return {
		...quiz,
		cardIds,
		answers,
		score: dropped && quiz.finishedAt !== null ? answers.filter((a) => a.correct).length : quiz.score
	};
}
