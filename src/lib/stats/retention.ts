import type { ReviewRow } from '../model.ts';
// True retention and today's summary: answers, not card states, so they say what actually happened.

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

export interface DaySummary {
	/** Answers given (rating 0 rows are not answers). */
	answers: number;
	/** Different cards answered. */
	cards: number;
	/** Time spent on the answers, in ms. */
	timeMs: number;
}

export function daySummary(reviews: readonly ReviewRow[]): DaySummary {
	const cards = new Set<string>();
	let answers = 0;
	let timeMs = 0;
	for (const r of reviews) {
		if (r.rating === 0) continue;
		answers++;
		timeMs += r.durationMs;
		cards.add(r.cardId);
	}
	return { answers, cards: cards.size, timeMs };
}

/** "1 h 5 min", "12 min", "40 s". */
export function formatDuration(ms: number): string {
	const seconds = Math.round(Math.max(0, ms) / 1000);
	if (seconds < 60) return `${seconds} s`;
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return `${minutes} min`;
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	return m ? `${h} h ${m} min` : `${h} h`;
}

/** "91%" (no decimals), or "—" with nothing to show. */
export function percent(value: number | null): string {
	return value === null ? '—' : `${Math.round(value * 100)}%`;
}
