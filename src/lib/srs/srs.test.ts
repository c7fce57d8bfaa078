import type { Answer, CardStateRow, ReviewRow } from '../model.ts';
import { describe, expect, it } from 'vitest';
import { dayKey, dayStart, nextDayStart } from './day.ts';
import { buildQueue, mixTopics, nextCard, type QueueCard } from './queue.ts';
import { formatInterval, makeScheduler, newCardState, preview, rate, replay, State } from './scheduler.ts';
import { DEFAULT_SETTINGS } from './defaults.ts';
import { parseSteps, validateSettings } from './settings.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const f = makeScheduler(DEFAULT_SETTINGS);
const t0 = new Date(2026, 2, 1, 9, 0).getTime();

function study(
	cardId: string,
	answers: [Answer, number][]
): { state: CardStateRow | undefined; log: ReviewRow[] } {
	let state: CardStateRow | undefined;
	const log: ReviewRow[] = [];
	answers.forEach(([a, at], i) => {
		const r = rate(f, cardId, state, a, at, `${cardId}-${i}`);
		state = r.state;
		log.push(r.review);
	});
	return { state, log };
}

describe('rating and rebuilding', () => {
	it('rebuilds from the log exactly the state kept answer by answer', () => {
		const answers: [Answer, number][] = [
			[3, t0],
			[3, t0 + 10 * 60_000],
			[1, t0 + 3 * DAY],
			[2, t0 + 3 * DAY + 10 * 60_000],
			[3, t0 + 5 * DAY],
			[4, t0 + 20 * DAY],
			[3, t0 + 90 * DAY]
		];
		const { state, log } = study('c1', answers);
		// The log may come back in any order from storage.
		expect(replay(f, 'c1', [...log].reverse())).toEqual(state);
		expect(state!.reps).toBe(answers.length);
		expect(state!.lapses).toBe(1);
	});

	it('gives a new card the learning steps 1m and 10m, and longer intervals for better answers', () => {
		const p = preview(f, 'c', undefined, t0);
		expect(formatInterval(p[1] - t0)).toBe('1m');
		expect(formatInterval(p[3] - t0)).toBe('10m');
		expect(p[4] - t0).toBeGreaterThan(DAY / 2);
		expect(p[1]).toBeLessThan(p[2]);
		expect(p[2]).toBeLessThan(p[3]);
	});

	it('never records an answer before the last one when the clock is set back', () => {
		const { state } = study('c', [[3, t0]]);
		const r = rate(f, 'c', state, 3, t0 - 5 * DAY, 'x');
		expect(r.review.reviewedAt).toBe(t0);
		expect(r.state.due).toBeGreaterThanOrEqual(t0);
		const p = preview(f, 'c', state, t0 - 5 * DAY);
		for (const a of [1, 2, 3, 4] as const) expect(p[a]).toBeGreaterThanOrEqual(t0);
	});

	it('formats intervals briefly and never negative', () => {
		expect(formatInterval(-5000)).toBe('<1m');
		expect(formatInterval(10 * 60_000)).toBe('10m');
		expect(formatInterval(3 * DAY)).toBe('3d');
		expect(formatInterval(60 * DAY)).toBe('2mo');
		expect(formatInterval(730 * DAY)).toBe('2y');
	});
});

describe('settings', () => {
	it('accepts the defaults and the form of steps', () => {
		expect(validateSettings(DEFAULT_SETTINGS).ok).toBe(true);
		expect(parseSteps('1m, 10m 1d')).toEqual(['1m', '10m', '1d']);
		expect(parseSteps('1 minute')).toBeNull();
	});
	it('refuses each bad value with a message for that field', () => {
		const bad = validateSettings({
			...DEFAULT_SETTINGS,
			desiredRetention: 0.5,
			newPerDay: -1,
			dayStartHour: 24,
			learningSteps: 'soon'
		});
		expect(bad.ok).toBe(false);
		if (bad.ok) return;
		expect(Object.keys(bad.errors).sort()).toEqual([
			'dayStartHour',
			'desiredRetention',
			'learningSteps',
			'newPerDay'
		]);
		expect(bad.errors.desiredRetention).toContain('0.70 to 0.99');
		expect(validateSettings('not an object').ok).toBe(false);
	});
	it('takes the form’s text, rounds the retention and leaves out keys it does not know', () => {
		const form = validateSettings({
			desiredRetention: '0.856',
			newPerDay: ' 20 ',
			maxReviewsPerDay: '1e3',
			learningSteps: ' 1m,10m\t1d ',
			relearningSteps: '',
			maximumInterval: '365',
			fuzz: false,
			dayStartHour: '0',
			retired: 'an old setting'
		});
		expect(form).toEqual({
			ok: true,
			settings: {
				desiredRetention: 0.86,
				newPerDay: 20,
				maxReviewsPerDay: 1000,
				learningSteps: ['1m', '10m', '1d'],
				relearningSteps: [],
				maximumInterval: 365,
				fuzz: false,
				dayStartHour: 0,
				leechAction: 'suspend',
				loadBalance: true,
				easyDays: [],
				parameters: null
			}
		});
	});
	it('gives one message for each missing or bad field, in the fields’ order', () => {
		const none = validateSettings(null);
		// The fields added later have defaults, so that older backups still import.
		const later = ['leechAction', 'loadBalance', 'easyDays', 'parameters'];
		expect(none.ok ? [] : Object.keys(none.errors)).toEqual(
			Object.keys(DEFAULT_SETTINGS).filter((k) => !later.includes(k))
		);
		const bad = validateSettings({
			...DEFAULT_SETTINGS,
			newPerDay: '',
			maxReviewsPerDay: 2.5,
			learningSteps: Array(11).fill('1m'),
			relearningSteps: ['10m', 5],
			maximumInterval: 0,
			fuzz: 'yes',
			dayStartHour: undefined
		});
		expect(bad).toEqual({
			ok: false,
			errors: {
				newPerDay: 'New cards a day must be a whole number from 0 to 9999.',
				maxReviewsPerDay: 'Maximum reviews a day must be a whole number from 0 to 99999.',
				learningSteps: 'Learning steps must be like “1m 10m”: numbers with m, h or d.',
				relearningSteps: 'Relearning steps must be like “10m”: numbers with m, h or d.',
				maximumInterval: 'Maximum interval must be a whole number of days from 1 to 36500.',
				fuzz: 'Fuzz must be on or off.',
				dayStartHour: 'The day must start at a whole hour from 0 to 23.'
			}
		});
		expect(parseSteps(Array(11).fill('1m').join(' '))).toBeNull();
		expect(parseSteps('0m')).toBeNull();
	});
});

describe('study days', () => {
	it('begins a day at the day-start hour in local time', () => {
		const at3 = new Date(2026, 5, 10, 3, 0).getTime();
		const at5 = new Date(2026, 5, 10, 5, 0).getTime();
		expect(dayStart(at3, 4)).toBe(new Date(2026, 5, 9, 4, 0).getTime());
		expect(dayStart(at5, 4)).toBe(new Date(2026, 5, 10, 4, 0).getTime());
		expect(nextDayStart(at5, 4)).toBe(new Date(2026, 5, 11, 4, 0).getTime());
		expect(dayKey(at3, 4)).toBe('2026-06-09');
	});
	it('keeps the boundary at the local hour across a daylight-saving change', () => {
		// Whatever the machine's zone, a local 4 am is the next boundary, 23 to 25 hours away.
		for (let m = 0; m < 12; m++) {
			const t = new Date(2026, m, 15, 12).getTime();
			const next = new Date(nextDayStart(t, 4));
			expect(next.getHours()).toBe(4);
			const len = nextDayStart(t, 4) - dayStart(t, 4);
			expect(len).toBeGreaterThanOrEqual(23 * HOUR);
			expect(len).toBeLessThanOrEqual(25 * HOUR);
		}
	});
});

describe("today's queue", () => {
	const cards: QueueCard[] = Array.from({ length: 30 }, (_, i) => ({
		id: `card-${i}`,
		order: i,
		topics: [`topic-${i % 3 === 0 ? 'a' : i % 3 === 1 ? 'b' : 'c'}`]
	}));
	const base = { cards, flags: new Map(), reviewsToday: [], settings: DEFAULT_SETTINGS, scheduler: f };

	it('offers the daily number of new cards, mixing topics in document order', () => {
		const q = buildQueue({ ...base, states: new Map(), now: t0 });
		expect(q.fresh).toHaveLength(10);
		expect(q.fresh.slice(0, 4)).toEqual(['card-0', 'card-1', 'card-2', 'card-3']);
		expect(mixTopics(cards.slice(0, 6).reverse()).map((c) => c.id)).toEqual([
			'card-0',
			'card-1',
			'card-2',
			'card-3',
			'card-4',
			'card-5'
		]);
	});

	it('counts new cards already introduced today against the limit', () => {
		const { state, log } = study('card-0', [[3, t0]]);
		const q = buildQueue({
			...base,
			states: new Map([['card-0', state!]]),
			reviewsToday: log,
			now: t0 + 60_000
		});
		expect(q.fresh).toHaveLength(9);
		expect(q.fresh).not.toContain('card-0');
		expect(q.counts.learning).toBe(1);
	});

	it('leaves a learning step that ends after the study day’s start to the next day', () => {
		// Answered Good at 03:55: the 10-minute step ends at 04:05, after the next day starts at 04:00.
		const at = new Date(2026, 2, 2, 3, 55).getTime();
		const { state, log } = study('card-0', [[3, at]]);
		expect(state!.due).toBeGreaterThanOrEqual(nextDayStart(at, DEFAULT_SETTINGS.dayStartHour));
		const states = new Map([['card-0', state!]]);
		const today = buildQueue({ ...base, states, reviewsToday: log, now: at + 60_000 });
		expect(today.counts).toEqual({ fresh: 9, learning: 0, review: 0 });
		expect(today.nextDue).toBe(nextDayStart(at, DEFAULT_SETTINGS.dayStartHour));
		// In the new day it is a learning card like any other.
		const next = buildQueue({ ...base, states, reviewsToday: [], now: state!.due });
		expect(next.learning).toEqual(['card-0']);
	});

	it('shows a learning card again when it falls due, first', () => {
		const { state, log } = study('card-5', [[1, t0]]);
		const states = new Map([['card-5', state!]]);
		const early = buildQueue({ ...base, states, reviewsToday: log, now: t0 + 10_000 });
		expect(early.learning).toEqual([]);
		expect(early.later.map((c) => c.id)).toEqual(['card-5']);
		const due = buildQueue({ ...base, states, reviewsToday: log, now: t0 + 2 * 60_000 });
		expect(nextCard(due, t0 + 2 * 60_000)).toBe('card-5');
	});

	it('orders due reviews by lowest recall probability, within the review limit', () => {
		const strong = study('card-1', [
			[4, t0],
			[4, t0 + 15 * DAY]
		]).state!;
		const weak = study('card-2', [
			[3, t0],
			[3, t0 + 10 * 60_000]
		]).state!;
		const now = t0 + 400 * DAY;
		const states = new Map([
			['card-1', strong],
			['card-2', weak]
		]);
		const q = buildQueue({ ...base, states, now });
		expect(q.review).toEqual(['card-2', 'card-1']);
		const limited = buildQueue({
			...base,
			states,
			now,
			settings: { ...DEFAULT_SETTINGS, maxReviewsPerDay: 1 }
		});
		expect(limited.review).toEqual(['card-2']);
	});

	it('leaves out suspended and buried cards, and cards no longer in the deck', () => {
		const flags = new Map([
			['card-0', { cardId: 'card-0', suspended: true, buriedUntil: 0, updatedAt: 0 }],
			['card-1', { cardId: 'card-1', suspended: false, buriedUntil: t0 + DAY, updatedAt: 0 }]
		]);
		const gone = study('removed-card', [[3, t0 - 10 * DAY]]).state!;
		const q = buildQueue({ ...base, flags, states: new Map([['removed-card', gone]]), now: t0 });
		expect(q.fresh).not.toContain('card-0');
		expect(q.fresh).not.toContain('card-1');
		expect([...q.fresh, ...q.review, ...q.learning]).not.toContain('removed-card');
		const tomorrow = buildQueue({ ...base, flags, states: new Map(), now: t0 + DAY + 1 });
		expect(tomorrow.fresh).toContain('card-1');
	});

	it('puts a new card asked for today ahead of the limit', () => {
		const asked = { ...newCardState('card-29', t0), lastReview: t0 };
		const q = buildQueue({
			...base,
			states: new Map([['card-29', asked]]),
			now: t0 + 1000,
			settings: { ...DEFAULT_SETTINGS, newPerDay: 0 }
		});
		expect(q.fresh).toEqual(['card-29']);
		expect(asked.state).toBe(State.New);
	});

	it('says when the next card falls due once today is done', () => {
		const { state } = study('card-3', [[4, t0]]);
		const q = buildQueue({
			...base,
			cards: [cards[3]!],
			states: new Map([['card-3', state!]]),
			now: t0 + 60_000
		});
		expect(nextCard(q, t0 + 60_000)).toBeNull();
		expect(q.nextDue).toBe(state!.due);
	});
});
