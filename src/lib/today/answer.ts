// An answer to one of today's cards, and its Undo, as every screen that rates cards gives them (the review
// screen's session, the reader's recall prompts): the write starts first, through the rating queue
// (rating-queue.svelte.ts: the journal note, then the log row and the card's state in one transaction, in the
// order the answers were given); then the answer is applied to today's queue in memory, with a leech suspended at
// once when the settings say so; the write's result replaces what memory guessed, and a failed write is rolled
// back in memory.
//
// This module brings the scheduler (ts-fsrs) and the writes: the review screen loads it once its first card is
// shown, as today's queue needs neither.
import type { Answer, CardFlagRow, CardStateRow, PendingAnswer, ReviewRow, SrsSettings } from '../model.ts';
import { answerCard, newId, restoreFlag, undoReview } from '../db/reviews.ts';
import { becameLeech } from '../srs/leech.ts';
import { makeScheduler, rate } from '../srs/scheduler.ts';
import type { RatingQueue, SavedAnswer } from './rating-queue.svelte.ts';
import { sameState, withAnswer, withFlag, withoutAnswer } from './study-data.ts';
import type { TodayQueue } from './today.svelte.ts';

export { preview } from '../srs/scheduler.ts';
export { buryCard, restoreFlag, setSuspended } from '../db/reviews.ts';

type Scheduler = ReturnType<typeof makeScheduler>;
const schedulers = new WeakMap<SrsSettings, Scheduler>();

/** The scheduler of these settings (one per settings read: today's data keep theirs until read again). */
export function schedulerFor(settings: SrsSettings): Scheduler {
	let f = schedulers.get(settings);
	if (!f) schedulers.set(settings, (f = makeScheduler(settings)));
	return f;
}

/** The write every rating makes (a rating queue's `write`). */
export function writeAnswer(answer: PendingAnswer, settings: SrsSettings): Promise<SavedAnswer> {
	return answerCard(answer.cardId, answer.rating, {
		id: answer.id,
		now: answer.now,
		durationMs: answer.durationMs,
		settings
	});
}

/** What Undo needs of an answer. */
export interface GivenEntry {
	reviewId: string;
	cardId: string;
	/** Set once saved when the answer suspended the card as a leech: its flags before (null: none). */
	leechBefore?: CardFlagRow | null;
}

export interface GivenAnswer {
	entry: GivenEntry;
	/** The card's state before the answer (undefined: new). */
	before: CardStateRow | undefined;
	/** The answer as applied in memory, before the write (the schedule it gives). */
	expected: { review: ReviewRow; state: CardStateRow };
	/** The answer made the card a leech; `suspended`: and the settings suspend leeches. */
	leech: { suspended: boolean } | null;
	/** Settles with the answer as saved; rejects (after the rollback in memory) when nothing was saved. */
	saved: Promise<SavedAnswer>;
}

/**
 * Rates `cardId` at `now`: starts the write through `ratings` in the caller's task, then applies the answer to
 * `today` in memory. Call only once today's data are read (`today.data`) and `ratings.hasRoom`.
 */
export function giveAnswer(
	today: TodayQueue,
	ratings: RatingQueue,
	cardId: string,
	rating: Answer,
	now: number,
	durationMs: number
): GivenAnswer {
	const data = today.data;
	if (!data) throw new Error('Today’s cards are not read yet.');
	const id = newId();
	// First of all: the journal note and the database write, so the answer is on its way to the disk before
	// anything is drawn.
	const write = ratings.submit({ id, cardId, rating, now, durationMs }, data.settings);
	const before = data.states.get(cardId);
	const expected = rate(schedulerFor(data.settings), cardId, before, rating, now, id, durationMs);
	today.update(cardId, (d) => withAnswer(d, expected.review, expected.state));
	// A leech is suspended with the answer (answerCard), so it leaves today's queue at once.
	const flagBefore = data.flags.get(cardId) ?? null;
	const isLeech = becameLeech(before, expected.state);
	const suspend = isLeech && data.settings.leechAction === 'suspend';
	if (suspend) {
		const flag = { cardId, buriedUntil: 0, ...flagBefore, suspended: true, updatedAt: now };
		today.update(cardId, (d) => withFlag(d, flag));
	}
	const entry: GivenEntry = { reviewId: id, cardId };
	const saved = write.then(
		(saved) => {
			if (saved.leech) {
				today.update(cardId, (d) => withFlag(d, saved.leech!.flag));
				entry.leechBefore = saved.leech.before;
			} else if (suspend) {
				today.update(cardId, (d) => withFlag(d, unsuspended(cardId, flagBefore)));
			}
			// Saved from the state in the database: when another tab answered this card just before, that state
			// differs from the one in memory, and the saved one is kept (unless a later answer to the card is on
			// its way, which builds on it).
			if (!sameState(saved.state, expected.state) && !ratings.writing(cardId)) {
				today.update(cardId, (d) =>
					withAnswer(withoutAnswer(d, id, cardId, null), saved.review, saved.state)
				);
			}
			return saved;
		},
		(error: unknown) => {
			// Another answer to this card is still being written: the state in memory cannot be put back by hand,
			// so the data are read again.
			if (ratings.writing(cardId)) today.reload();
			else {
				today.update(cardId, (d) => withoutAnswer(d, id, cardId, before));
				if (suspend) today.update(cardId, (d) => withFlag(d, unsuspended(cardId, flagBefore)));
			}
			throw error;
		}
	);
	return { entry, before, expected, leech: isLeech ? { suspended: suspend } : null, saved };
}

/**
 * Takes back an answer once the answers still being written have settled: its log row goes, the card's state is
 * rebuilt from the rest of its log, and a leech suspension it made is undone. Resolves to the rebuilt state
 * (undefined: new again), or null when the answer was already gone (taken back in another tab, progress reset).
 */
export async function takeBackAnswer(
	today: TodayQueue,
	ratings: RatingQueue,
	entry: GivenEntry
): Promise<CardStateRow | undefined | null> {
	await ratings.settled();
	const result = await undoReview(entry.reviewId);
	today.update(entry.cardId, (d) =>
		withoutAnswer(d, entry.reviewId, entry.cardId, result ? result.state : null)
	);
	if (entry.leechBefore !== undefined) {
		const flag = await restoreFlag(entry.cardId, entry.leechBefore);
		today.update(entry.cardId, (d) => withFlag(d, flag));
	}
	return result ? result.state : null;
}

/** The flags a card had before a leech suspension that did not happen after all. */
function unsuspended(cardId: string, before: CardFlagRow | null): CardFlagRow {
	return before ?? { cardId, suspended: false, buriedUntil: 0, updatedAt: 0 };
}
