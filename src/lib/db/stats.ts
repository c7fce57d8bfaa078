// The few reads behind the stats page. The log can hold hundreds of thousands of rows, so these read the answer
// counts kept beside it (db/counts.ts, a row per day), and the log itself only for short ranges.
import type { AnswerCountRow, QuarterCounts } from '../model.ts';
import type { RatingCounts } from '../stats/retention.ts';
import { studyDays } from '../stats/days.ts';
import { dayStreak } from '../stats/heatmap.ts';
import { daysOf, sumSpans } from './counts.ts';
import { getDb } from './index.ts';

/** The count rows holding the quarters of [from, to), in one read. */
async function countRows(from: number, to: number): Promise<AnswerCountRow[]> {
	if (!(to > from)) return [];
	const [first, last] = daysOf(from, to);
	return getDb().answerCounts.where('day').between(first, last, true, true).toArray();
}

/** The counts of each span between `bounds` (ascending; n + 1 of them for n spans), from one read. */
async function countSpans(bounds: readonly number[]): Promise<QuarterCounts[]> {
	if (bounds.length < 2) return [];
	return sumSpans(await countRows(bounds[0]!, bounds[bounds.length - 1]!), bounds);
}

/**
 * Answers per day: `bounds` are ascending day boundaries (n + 1 of them for n days). Read from the answer counts
 * (db/counts.ts), a row per day; "made due" rows (rating 0) are not answers.
 */
export async function answersPerDay(bounds: readonly number[]): Promise<number[]> {
	return (await countSpans(bounds)).map((c) => c[0]);
}

/** Whether each day (between `bounds`, as for answersPerDay) has an answer. */
export async function daysWithAnswers(bounds: readonly number[]): Promise<boolean[]> {
	return (await answersPerDay(bounds)).map((n) => n > 0);
}

/**
 * The day streak: study days in a row with at least one answer, up to today (a day not yet studied today
 * does not break it). Days are looked at backwards from today in batches that double (8, 16, 32… days,
 * each batch one read of their count rows), so the cost grows with the streak, not with the log.
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
	const [sum] = await countSpans([from, to]);
	return { 1: sum?.[1] ?? 0, 2: sum?.[2] ?? 0, 3: sum?.[3] ?? 0, 4: sum?.[4] ?? 0 };
}

/** When the first row of the log was written, or null with an empty log. */
export async function firstReviewTime(after = -Infinity): Promise<number | null> {
	const first = await getDb().reviews.where('reviewedAt').above(after).first();
	return first ? first.reviewedAt : null;
}
