// "Help me decide": what a desired retention costs and gives over the next year, from a simulation with the
// learner's FSRS parameters (as Anki's simulator). Pure and seeded: the same inputs give the same figures.
import { default_w, fsrs, generatorParameters, type FSRSState } from 'ts-fsrs';

export const RETENTIONS: readonly number[] = [0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97];

/** Simulated learners per retention. */
const RUNS = 8;

export interface RetentionPoint {
	retention: number;
	/** Answers a day, on average over the year (first answers and relearning included). */
	reviewsPerDay: number;
	/** Cards the learner is expected to recall at the year's end: the sum of their recall probabilities. */
	remembered: number;
}

/** A small seeded generator (mulberry32). */
function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Simulates learning `cards` cards from scratch, `newPerDay` a day, for `days` days under each desired
 * retention: each due card is recalled with its FSRS probability (Good), else forgotten (Again, then relearned
 * the same day), and comes back after the interval FSRS gives for that retention.
 */
export function simulateRetention(options: {
	parameters: readonly number[] | null;
	cards: number;
	newPerDay: number;
	maximumInterval: number;
	days?: number;
	retentions?: readonly number[];
	seed?: number;
}): RetentionPoint[] {
	const { cards, newPerDay, maximumInterval, days = 365 } = options;
	const w = options.parameters ? [...options.parameters] : [...default_w];
	return (options.retentions ?? RETENTIONS).map((retention) => {
		const f = fsrs(
			generatorParameters({
				w,
				request_retention: retention,
				maximum_interval: maximumInterval,
				enable_fuzz: false
			})
		);
		const random = seeded(options.seed ?? 1);
		let reviews = 0;
		let remembered = 0;
		// Several learners, averaged: one deck's chance of forgetting is too uneven to compare targets.
		for (let run = 0; run < RUNS; run++) {
			const states: { s: FSRSState; last: number; due: number }[] = [];
			for (let day = 0; day < days; day++) {
				for (const card of states) {
					if (card.due > day) continue;
					const t = day - card.last;
					const recalled = random() < f.forgetting_curve(t, card.s.stability);
					reviews++;
					card.s = f.next_state(card.s, t, recalled ? 3 : 1);
					if (!recalled) {
						reviews++;
						card.s = f.next_state(card.s, 0, 3);
					}
					card.last = day;
					card.due = day + Math.max(1, f.next_interval(card.s.stability, t));
				}
				for (let n = 0; n < newPerDay && states.length < cards; n++) {
					const s = f.next_state(null, 0, 3);
					reviews++;
					states.push({ s, last: day, due: day + Math.max(1, f.next_interval(s.stability, 0)) });
				}
			}
			remembered += states.reduce((sum, c) => sum + f.forgetting_curve(days - c.last, c.s.stability), 0);
		}
		return { retention, reviewsPerDay: reviews / days / RUNS, remembered: remembered / RUNS };
	});
}
