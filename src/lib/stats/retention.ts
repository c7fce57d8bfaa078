// True retention and today's summary: answers, not card states, so they say what actually happened.
import type { ReviewRow } from '../model.ts';
import { daySummary as studyDaySummary, type DaySummary as StudyDaySummary } from '../srs/progress.ts';

/** Answers to cards in Review state, by rating: 1 Again, 2 Hard, 3 Good, 4 Easy. */
export type RatingCounts = Record<1 | 2 | 3 | 4, number>;

export function addCounts(a: RatingCounts, b: RatingCounts): RatingCounts {
	return { 1: a[1] + b[1], 2: a[2] + b[2], 3: a[3] + b[3], 4: a[4] + b[4] };
}

export interface Retention {
	/** Answers to cards in Review state (rating 0 rows are not answers). */
	answers: number;
	/** Those that were not Again. */
	passed: number;
	/** passed / answers; null with no answers. */
	rate: number | null;
}

export function trueRetention(counts: RatingCounts): Retention {
	const answers = counts[1] + counts[2] + counts[3] + counts[4];
	const passed = answers - counts[1];
	return { answers, passed, rate: answers ? passed / answers : null };
}

/** Today's answers (rating 0 rows are not answers), the different cards answered and the time spent on them. */
export type DaySummary = Pick<StudyDaySummary, 'answers' | 'cards' | 'timeMs'>;

/** The day's summary (srs/progress.ts) as the stats page shows it: without the new cards learned. */
export function daySummary(reviews: readonly ReviewRow[]): DaySummary {
	const { answers, cards, timeMs } = studyDaySummary(reviews);
	return { answers, cards, timeMs };
}
