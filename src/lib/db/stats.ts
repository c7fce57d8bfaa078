// The few reads behind the stats page. The log can hold hundreds of thousands of rows, so these
// count over indexes and read rows only for short ranges (today) or small tables (card states, quizzes).
import { State } from '../srs/scheduler.ts';
import type { RatingCounts } from '../stats/retention.ts';
import { studyDays } from '../stats/days.ts';
import { dayStreak } from '../stats/heatmap.ts';
import { getDb } from './index.ts';

const STATES = [State.New, State.Learning, State.Review, State.Relearning];

/**
 * Many small reads on the reviewedAt index at once, in one transaction. Made straight on IndexedDB:
 * hundreds of them are sent together and answered in one batch, without a promise each.
 */
async function onReviewTimes<T>(make: (index: IDBIndex) => IDBRequest<T>[]): Promise<T[]> {
	const db = getDb();
	await db.open();
	return new Promise((resolve, reject) => {
		const tx = db.backendDB().transaction('reviews', 'readonly');
		const requests = make(tx.objectStore('reviews').index('reviewedAt'));
		tx.oncomplete = () => resolve(requests.map((r) => r.result));
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error ?? new Error('The read was aborted.'));
	});
}

const dayRange = (bounds: readonly number[], i: number) =>
	IDBKeyRange.bound(bounds[i]!, bounds[i + 1]!, false, true);

/** The "made due" rows (rating 0) between the first and last bound: their ids, and how many fall in each day. */
async function markersPerDay(bounds: readonly number[]): Promise<{ ids: Set<string>; perDay: number[] }> {
	const db = getDb();
	const from = bounds[0]!;
	const to = bounds[bounds.length - 1]!;
	const found = await db.transaction('r', db.reviews, () =>
		Promise.all(
			STATES.map(async (s) => {
				const range = db.reviews
					.where('[state+rating+reviewedAt]')
					.between([s, 0, from], [s, 0, to], true, false);
				return { keys: await range.keys(), ids: await range.primaryKeys() };
			})
		)
	);
	const perDay = new Array<number>(bounds.length - 1).fill(0);
	const ids = new Set<string>();
	for (const f of found) {
		f.ids.forEach((id) => ids.add(id));
		for (const key of f.keys) {
			const at = (key as unknown as [number, number, number])[2];
			let i = 0;
			while (i < perDay.length - 1 && at >= bounds[i + 1]!) i++;
			perDay[i]!++;
		}
	}
	return { ids, perDay };
}

/**
 * Answers per day: `bounds` are ascending day boundaries (n + 1 of them for n days). Counts run over
 * the reviewedAt index without reading rows; the rare "made due" rows (rating 0) are taken off.
 */
export async function answersPerDay(bounds: readonly number[]): Promise<number[]> {
	if (bounds.length < 2) return [];
	const [counts, markers] = await Promise.all([
		onReviewTimes((index) => bounds.slice(1).map((_, i) => index.count(dayRange(bounds, i)))),
		markersPerDay(bounds)
	]);
	return counts.map((n, i) => n - markers.perDay[i]!);
}

/**
 * Whether each day has an answer: cheaper than counting (the first row of each day), for the day
 * streak over a long past. When a day's first row is a "made due" marker, the day is counted to tell.
 */
export async function daysWithAnswers(bounds: readonly number[]): Promise<boolean[]> {
	if (bounds.length < 2) return [];
	const [firsts, markers] = await Promise.all([
		onReviewTimes((index) => bounds.slice(1).map((_, i) => index.getKey(dayRange(bounds, i)))),
		markersPerDay(bounds)
	]);
	const active = firsts.map((id) => id !== undefined);
	const unsure = firsts.flatMap((id, i) => (id !== undefined && markers.ids.has(id as string) ? [i] : []));
	if (unsure.length) {
		const counts = await onReviewTimes((index) => unsure.map((i) => index.count(dayRange(bounds, i))));
		unsure.forEach((day, j) => (active[day] = counts[j]! > markers.perDay[day]!));
	}
	return active;
}

/**
 * The day streak: study days in a row with at least one answer, up to today (a day not yet studied today
 * does not break it). Days are looked at backwards from today in batches that double (8, 16, 32… days,
 * each day one key look-up on the index), so the cost grows with the streak, not with the log.
 */
export async function dayStreakBack(
	now: number,
	hour: number,
	firstBatch = 8
): Promise<{ days: number; includesToday: boolean }> {
	// Whether each day looked at had an answer (1) or not (0), oldest first, up to today.
	let known: number[] = [];
	for (let batch = Math.max(1, firstBatch); ; batch *= 2) {
		const span = studyDays(now, hour, -(known.length + batch - 1), batch);
		const active = await daysWithAnswers([...span.map((d) => d.start), span[span.length - 1]!.end]);
		known = [...active.map(Number), ...known];
		const { days, includesToday, open } = dayStreak(known);
		if (!open) return { days, includesToday };
	}
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
