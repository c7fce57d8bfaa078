import { describe, expect, it } from 'vitest';
import type { CardStateRow, SrsSettings } from '../model.ts';
import { balanceState, fuzzRange, pickInterval, rangeDays, type FuzzRange } from './balance.ts';
import { DEFAULT_SETTINGS } from './defaults.ts';
import { dayStart } from './day.ts';
import { makeScheduler, rate, State } from './scheduler.ts';

const DAY = 86_400_000;
const t0 = new Date(2026, 2, 2, 10).getTime(); // a Monday

/** A seeded pseudo-random sequence (mulberry32), so that these tests are the same every run. */
function seeded(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A card in review, answered Good at `now` after `elapsed` days: its state and log, fuzzed by ts-fsrs. */
function answered(settings: SrsSettings, stability: number, elapsed: number, now: number, id: string) {
	const before: CardStateRow = {
		cardId: id,
		due: now,
		stability,
		difficulty: 5,
		elapsedDays: 0,
		scheduledDays: elapsed,
		learningSteps: 0,
		reps: 5,
		lapses: 0,
		state: State.Review,
		lastReview: now - elapsed * DAY
	};
	return rate(makeScheduler(settings), id, before, 3, now, `r-${id}`);
}

describe('the load balancer', () => {
	const plain = makeScheduler({ ...DEFAULT_SETTINGS, fuzz: false });

	it('never moves a review outside its fuzz range', () => {
		const random = seeded(7);
		for (let i = 0; i < 300; i++) {
			const { state, review } = answered(
				DEFAULT_SETTINGS,
				2 + random() * 400,
				1 + Math.floor(random() * 60),
				t0,
				`c${i}`
			);
			const range = fuzzRange(state, review.elapsedDays, plain, DEFAULT_SETTINGS.maximumInterval);
			if (!range) continue;
			expect(state.scheduledDays).toBeGreaterThanOrEqual(range.min);
			expect(state.scheduledDays).toBeLessThanOrEqual(range.max);
			// Any calendar, as lopsided as can be.
			const dueTimes = Array.from({ length: 200 }, () => t0 + random() * (range.max + 2) * DAY);
			const easyDays = random() < 0.5 ? [0, 6] : [];
			const moved = balanceState(
				state,
				range,
				review.reviewedAt,
				{ ...DEFAULT_SETTINGS, easyDays },
				dueTimes
			);
			expect(moved.scheduledDays).toBeGreaterThanOrEqual(range.min);
			expect(moved.scheduledDays).toBeLessThanOrEqual(range.max);
			expect(moved.due).toBe(review.reviewedAt + moved.scheduledDays * DAY);
			expect(moved.stability).toBe(state.stability);
		}
	});

	it('levels a lopsided week', () => {
		// 80 reviews that may each go to any of five days, of which the first already has 20 cards: all level.
		const range = (fuzzed: number): FuzzRange => ({ min: 10, max: 14, fuzzed });
		const random = seeded(3);
		const balanced = new Map([[10, 20]]);
		const fuzzOnly = new Map([[10, 20]]);
		for (let i = 0; i < 80; i++) {
			const fuzzed = 10 + Math.floor(random() * 5);
			const ivl = pickInterval(
				range(fuzzed),
				(d) => balanced.get(d) ?? 0,
				() => false
			);
			balanced.set(ivl, (balanced.get(ivl) ?? 0) + 1);
			fuzzOnly.set(fuzzed, (fuzzOnly.get(fuzzed) ?? 0) + 1);
		}
		const spread = (m: Map<number, number>) => {
			const counts = [10, 11, 12, 13, 14].map((d) => m.get(d) ?? 0);
			return Math.max(...counts) - Math.min(...counts);
		};
		expect([10, 11, 12, 13, 14].map((d) => balanced.get(d))).toEqual([20, 20, 20, 20, 20]);
		expect(spread(fuzzOnly)).toBeGreaterThan(10);
	});

	it('levels the days through the due times it is given, day by day in local study days', () => {
		const { state, review } = answered(DEFAULT_SETTINGS, 30, 20, t0, 'x');
		const range = fuzzRange(state, review.elapsedDays, plain, DEFAULT_SETTINGS.maximumInterval)!;
		expect(range.max - range.min).toBeGreaterThanOrEqual(2);
		const days = rangeDays(range, review.reviewedAt, DEFAULT_SETTINGS.dayStartHour);
		// Every day of the range has 3 cards due, but one, which has 1.
		const emptier = range.min + 1;
		const dueTimes = days.slice(0, -1).flatMap((start, i) => {
			const n = range.min + i === emptier ? 1 : 3;
			return Array.from({ length: n }, (_, k) => start + (k + 1) * 3_600_000);
		});
		const moved = balanceState(state, range, review.reviewedAt, DEFAULT_SETTINGS, dueTimes);
		expect(moved.scheduledDays).toBe(emptier);
		expect(dayStart(moved.due, 4)).toBe(days[emptier - range.min]);
		// With the balancer off, the fuzzed day stays.
		const off = balanceState(
			state,
			range,
			review.reviewedAt,
			{ ...DEFAULT_SETTINGS, loadBalance: false },
			dueTimes
		);
		expect(off).toEqual(state);
	});

	it('changes nothing when no day is fuller than another', () => {
		for (let fuzzed = 10; fuzzed <= 14; fuzzed++) {
			expect(
				pickInterval(
					{ min: 10, max: 14, fuzzed },
					() => 4,
					() => false
				)
			).toBe(fuzzed);
		}
	});
});

describe('easy days', () => {
	it('get fewer reviews: weekends marked easy take about half a normal day’s share', () => {
		const settings = { ...DEFAULT_SETTINGS, easyDays: [0, 6] };
		const plain = makeScheduler({ ...settings, fuzz: false });
		const perWeekday = new Array<number>(7).fill(0);
		const dueTimes: number[] = [];
		const random = seeded(11);
		// 1,500 reviews answered over two weeks, each into a range of about a week, balanced as they come.
		for (let i = 0; i < 1500; i++) {
			const now = t0 + Math.floor(random() * 14) * DAY;
			const { state, review } = answered(settings, 40 + random() * 40, 30, now, `e${i}`);
			const range = fuzzRange(state, review.elapsedDays, plain, settings.maximumInterval);
			if (!range) continue;
			const moved = balanceState(state, range, review.reviewedAt, settings, dueTimes);
			dueTimes.push(moved.due);
			perWeekday[new Date(moved.due).getDay()]! += 1;
		}
		const weekend = (perWeekday[0]! + perWeekday[6]!) / 2;
		const weekdays = perWeekday.slice(1, 6).reduce((a, b) => a + b, 0) / 5;
		expect(weekend).toBeGreaterThan(0.3 * weekdays);
		expect(weekend).toBeLessThan(0.7 * weekdays);
	});

	it('with the balancer off, a review avoids an easy day where its range allows', () => {
		const settings = { ...DEFAULT_SETTINGS, loadBalance: false, easyDays: [0, 6] };
		const plain = makeScheduler({ ...settings, fuzz: false });
		let weekend = 0;
		for (let i = 0; i < 200; i++) {
			const { state, review } = answered(settings, 30 + i, 30, t0, `w${i}`);
			const range = fuzzRange(state, review.elapsedDays, plain, settings.maximumInterval);
			if (!range || range.max - range.min < 2) continue;
			const moved = balanceState(state, range, review.reviewedAt, settings, []);
			if ([0, 6].includes(new Date(moved.due).getDay())) weekend++;
		}
		expect(weekend).toBe(0);
	});
});
