// Answers dated in the future: given while the device's clock ran ahead (set by hand, a wrong time zone, a
// dead clock battery), or imported from a device whose clock did. Each keeps its time, so once the clock is right
// its card is scheduled from a day that has not come, and leaves the queue until then. The review screen asks
// whether to treat them as answered now.
import { makeScheduler } from '../srs/scheduler.ts';
import { getDb } from './index.ts';
import { readSettings, replayCard } from './log.ts';

/** How far ahead of this device's clock an answer must be to count as dated in the future. */
export const FUTURE_MARGIN = 5 * 60_000;

export interface FutureAnswers {
	/** Answers dated more than FUTURE_MARGIN after now. */
	answers: number;
	/** The cards they belong to. */
	cards: number;
	/** The latest of their dates. */
	latest: number;
}

/** The answers dated in the future, or null when there are none (one indexed read). */
export async function futureAnswers(now: number): Promise<FutureAnswers | null> {
	const rows = await getDb()
		.reviews.where('reviewedAt')
		.above(now + FUTURE_MARGIN)
		.toArray();
	if (!rows.length) return null;
	return {
		answers: rows.length,
		cards: new Set(rows.map((r) => r.cardId)).size,
		latest: Math.max(...rows.map((r) => r.reviewedAt))
	};
}

/**
 * Treats every answer dated after `now` as answered now: each is re-dated to just before `now`, in the order
 * they were given, and each of their cards is replayed (its state and its log's derived values rebuilt), all in
 * one transaction. Resolves to how many answers and cards changed.
 */
export async function answerFutureNow(now: number): Promise<{ answers: number; cards: number }> {
	const db = getDb();
	const f = makeScheduler(await readSettings(db));
	return db.transaction('rw', db.reviews, db.cardStates, async () => {
		const future = await db.reviews.where('reviewedAt').above(now).sortBy('reviewedAt');
		if (!future.length) return { answers: 0, cards: 0 };
		// One millisecond apart, the last at `now`: the order of the answers is kept.
		const redated = future.map((r, i) => {
			const reviewedAt = now - (future.length - 1 - i);
			// A "made due" row set its card due when it was made: no later than its new time.
			return r.rating === 0 ? { ...r, reviewedAt, due: Math.min(r.due, reviewedAt) } : { ...r, reviewedAt };
		});
		await db.reviews.bulkPut(redated);
		const cardIds = [...new Set(future.map((r) => r.cardId))];
		for (const cardId of cardIds) {
			const replayed = await replayCard(db, f, cardId);
			if (replayed) await db.reviews.bulkPut(replayed.rows);
		}
		return { answers: future.length, cards: cardIds.length };
	});
}
