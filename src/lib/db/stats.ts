// The few reads behind the stats page. The log can hold hundreds of thousands of rows, so these
// count over indexes and read rows only for short ranges (today) or small tables (card states, quizzes).
import { State } from '../srs/scheduler.ts';
import type { RatingCounts } from '../stats/retention.ts';
import { getDb, type QuizRow } from './index.ts';

const STATES = [State.New, State.Learning, State.Review, State.Relearning];

/**
 * Answers per day: `bounds` are ascending day boundaries (n + 1 of them for n days). Counts run over
 * the reviewedAt index without reading rows; the rare "made due" rows (rating 0) are read and taken off.
 */
export async function answersPerDay(bounds: readonly number[]): Promise<number[]> {
	if (bounds.length < 2) return [];
	const db = getDb();
	const from = bounds[0]!;
	const to = bounds[bounds.length - 1]!;
	return db.transaction('r', db.reviews, async () => {
		const counts = await Promise.all(
			bounds
				.slice(1)
				.map((end, i) => db.reviews.where('reviewedAt').between(bounds[i]!, end, true, false).count())
		);
		const markers = await Promise.all(
			STATES.map((s) =>
				db.reviews.where('[state+rating+reviewedAt]').between([s, 0, from], [s, 0, to], true, false).keys()
			)
		);
		for (const key of markers.flat()) {
			const at = (key as unknown as [number, number, number])[2];
			let i = 0;
			while (i < counts.length - 1 && at >= bounds[i + 1]!) i++;
			counts[i]!--;
		}
		return counts;
	});
}

/** Answers to cards in Review state between `from` (inclusive) and `to` (exclusive), by rating. */
export async function reviewAnswerCounts(from: number, to: number): Promise<RatingCounts> {
	const db = getDb();
	const [again, hard, good, easy] = await db.transaction('r', db.reviews, () =>
		Promise.all(
			([1, 2, 3, 4] as const).map((rating) =>
				db.reviews
					.where('[state+rating+reviewedAt]')
					.between([State.Review, rating, from], [State.Review, rating, to], true, false)
					.count()
			)
		)
	);
	return { 1: again!, 2: hard!, 3: good!, 4: easy! };
}

/** When the first row of the log was written, or null with an empty log. */
export async function firstReviewTime(after = -Infinity): Promise<number | null> {
	const first = await getDb().reviews.where('reviewedAt').above(after).first();
	return first ? first.reviewedAt : null;
}

export function finishedQuizzes(): Promise<QuizRow[]> {
	// Unfinished quizzes (finishedAt null) are not in the index.
	return getDb().quizzes.where('finishedAt').above(-Infinity).toArray();
}
