// The daily workload: the load balancer and easy days (as in Anki 24.11). Pure.
//
// ts-fsrs's fuzz moves a review's interval to a day drawn from a range around it (get_fuzz_range). The balancer
// picks, within that same range, the day with the fewest cards already due; easy days count as fuller than they
// are, so they get fewer reviews. Ties go to the day nearest the one fuzz drew, so with an empty calendar the
// balancer changes nothing, and every choice is a function of the card, its answer and the counts: the same
// inputs always give the same day.
import type { CardStateRow, SrsSettings } from '../model.ts';
import { get_fuzz_range, State, type FSRS } from 'ts-fsrs';
import { dayStart } from './day.ts';

const DAY_MS = 86_400_000;
/** An easy day takes this share of a normal day's reviews. */
export const EASY_DAY_SHARE = 0.5;

/** The days a review may go to: intervals from `min` to `max` days, with the one fuzz drew. */
export interface FuzzRange {
	min: number;
	max: number;
	fuzzed: number;
}

/** Whether the balancer or easy days may move reviews at all under these settings. */
export function balancing(settings: SrsSettings): boolean {
	return settings.fuzz && (settings.loadBalance || settings.easyDays.length > 0);
}

/**
 * The range a review answer's interval was fuzzed in, from the card's state after the answer, the days since
 * its last review and `plain`, a scheduler like the card's own with fuzz off (makeScheduler with fuzz false).
 * Null when the answer gave no fuzzed interval (a learning step, or an interval under 2.5 days).
 */
export function fuzzRange(
	after: CardStateRow,
	elapsedDays: number,
	plain: FSRS,
	maximumInterval: number
): FuzzRange | null {
	if (after.state !== State.Review || after.scheduledDays < 1) return null;
	const interval = plain.next_interval(after.stability, elapsedDays);
	if (interval < 2.5) return null;
	const { min_ivl, max_ivl } = get_fuzz_range(interval, elapsedDays, maximumInterval);
	if (after.scheduledDays < min_ivl || after.scheduledDays > max_ivl) return null;
	return { min: min_ivl, max: max_ivl, fuzzed: after.scheduledDays };
}

/**
 * The interval the balancer picks in `range`: the day with the fewest cards due (`due(ivl)`, 0 without the
 * balancer), an easy day counting as if it held 1 / EASY_DAY_SHARE times its cards and one more; ties go to
 * the interval nearest the fuzzed one, then the shorter.
 */
export function pickInterval(
	range: FuzzRange,
	due: (interval: number) => number,
	easy: (interval: number) => boolean
): number {
	let best = range.fuzzed;
	let bestLoad = Infinity;
	for (let ivl = range.min; ivl <= range.max; ivl++) {
		const load = easy(ivl) ? (due(ivl) + 1) / EASY_DAY_SHARE : due(ivl);
		const better =
			load < bestLoad ||
			(load === bestLoad &&
				(Math.abs(ivl - range.fuzzed) < Math.abs(best - range.fuzzed) ||
					(Math.abs(ivl - range.fuzzed) === Math.abs(best - range.fuzzed) && ivl < best)));
		if (better) {
			best = ivl;
			bestLoad = load;
		}
	}
	return best;
}

/** The card's state with its review moved to `interval` days after `reviewedAt`. */
export function withInterval(state: CardStateRow, reviewedAt: number, interval: number): CardStateRow {
	return { ...state, scheduledDays: interval, due: reviewedAt + interval * DAY_MS };
}

/** The study days (their starts) an interval range covers, from `reviewedAt`: one per interval, then the end. */
export function rangeDays(range: FuzzRange, reviewedAt: number, dayStartHour: number): number[] {
	const starts: number[] = [];
	for (let ivl = range.min; ivl <= range.max + 1; ivl++) {
		starts.push(dayStart(reviewedAt + ivl * DAY_MS, dayStartHour));
	}
	return starts;
}

/**
 * Balances an answer's new state. `dueTimes` are the due times of the other cards due in the range's days
 * (sorted or not), read by the caller (db/reviews.ts reads them from the `due` index). Returns the state as
 * given when the answer is not one the balancer moves.
 */
export function balanceState(
	after: CardStateRow,
	range: FuzzRange,
	reviewedAt: number,
	settings: SrsSettings,
	dueTimes: readonly number[]
): CardStateRow {
	const starts = rangeDays(range, reviewedAt, settings.dayStartHour);
	const counts = new Array<number>(starts.length - 1).fill(0);
	if (settings.loadBalance) {
		for (const t of dueTimes) {
			// The day whose start is the last one not after t.
			let lo = 0;
			let hi = starts.length - 1;
			if (t < starts[0]! || t >= starts[hi]!) continue;
			while (hi - lo > 1) {
				const mid = (lo + hi) >> 1;
				if (starts[mid]! <= t) lo = mid;
				else hi = mid;
			}
			counts[lo]!++;
		}
	}
	const easyDays = new Set(settings.easyDays);
	const interval = pickInterval(
		range,
		(ivl) => counts[ivl - range.min] ?? 0,
		(ivl) => easyDays.has(new Date(starts[ivl - range.min]! + 12 * 3_600_000).getDay())
	);
	return interval === after.scheduledDays ? after : withInterval(after, reviewedAt, interval);
}
