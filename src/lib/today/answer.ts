// An answer to one of today's cards, and its Undo, as every screen that rates cards gives them (the reader's
// recall prompts; the review screen does the same steps in its session): noted in the journal so a reload
// cannot lose it, applied to today's queue in memory at once, written with the log row and the card's state in
// one transaction (db/reviews.ts), and rolled back in memory when the write fails.
import type { Answer, CardStateRow, ReviewRow } from '../model.ts';
import { answerCard, newId, undoReview } from '../db/reviews.ts';
import { noteAnswer } from '../db/journal.ts';
import { rate } from '../srs/scheduler.ts';
import { sameState, withAnswer, withoutAnswer } from './study-data.ts';
import type { TodayQueue } from './today.svelte.ts';

export interface GivenAnswer {
	/** The answer as applied in memory, before the write (the schedule it gives). */
	expected: { review: ReviewRow; state: CardStateRow };
	/** Settles with the answer as saved; rejects (after the rollback) when nothing was saved. */
	saved: Promise<{ review: ReviewRow; state: CardStateRow }>;
}

/** Rates `cardId` at `now`. Call only once today's data are read (`today.data`). */
export function giveAnswer(
	today: TodayQueue,
	cardId: string,
	rating: Answer,
	now: number,
	durationMs: number
): GivenAnswer {
	const data = today.data;
	if (!data) throw new Error('Today’s cards are not read yet.');
	const id = newId();
	const settle = noteAnswer({ id, cardId, rating, now, durationMs });
	const before = data.states.get(cardId);
	const expected = rate(today.scheduler, cardId, before, rating, now, id, durationMs);
	today.update(cardId, (d) => withAnswer(d, expected.review, expected.state));
	const saved = answerCard(cardId, rating, { now, durationMs, settings: data.settings, id }).then(
		(result) => {
			// Another tab's answer to this card just before: the state saved builds on it, and is the one kept.
			if (!sameState(result.state, expected.state)) {
				today.update(cardId, (d) =>
					withAnswer(withoutAnswer(d, id, cardId, null), result.review, result.state)
				);
			}
			return result;
		},
		(error: unknown) => {
			today.update(cardId, (d) => withoutAnswer(d, id, cardId, before));
			throw error;
		}
	);
	void saved.finally(settle).catch(() => {});
	return { expected, saved };
}

/**
 * Takes back the answer `reviewId` to `cardId`: its log row goes and the card's state is rebuilt from the rest
 * of its log. Resolves to the rebuilt state (undefined: new again), or null when the answer was already gone.
 */
export async function takeBackAnswer(
	today: TodayQueue,
	reviewId: string,
	cardId: string
): Promise<CardStateRow | undefined | null> {
	const result = await undoReview(reviewId);
	today.update(cardId, (d) => withoutAnswer(d, reviewId, cardId, result ? result.state : null));
	return result ? result.state : null;
}
