import type { Answer, CardStateRow } from '../model.ts';
import { describe, expect, it } from 'vitest';
import { nextDayStart } from './day.ts';
import { cardStatus, daySummary } from './progress.ts';
import { buildQueue, LEARN_AHEAD_MS, nextAvailable, nextChange, type QueueCard } from './queue.ts';
import { makeScheduler, rate } from './scheduler.ts';
import { DEFAULT_SETTINGS } from './defaults.ts';

const MIN = 60_000;
const t0 = new Date(2026, 2, 10, 10, 0).getTime();
const f = makeScheduler(DEFAULT_SETTINGS);

function answered(cardId: string, answers: Answer[], at = t0) {
	let state: CardStateRow | undefined;
	const log = answers.map((a, i) => {
		const r = rate(f, cardId, state, a, at + i * MIN, `${cardId}-${i}`, 5000);
		state = r.state;
		return r.review;
	});
	return { state: state!, log };
}

describe("a card's status", () => {
	it('is new, learning, review, suspended or skipped, flags first', () => {
		expect(cardStatus(undefined, undefined, t0)).toBe('new');
		expect(cardStatus(answered('a', [3]).state, undefined, t0)).toBe('learning');
		expect(cardStatus(answered('a', [4]).state, undefined, t0)).toBe('review');
		const relearning = answered('a', [4, 1]).state;
		expect(cardStatus(relearning, undefined, t0)).toBe('learning');
		const flag = { cardId: 'a', suspended: true, buriedUntil: 0, updatedAt: 0 };
		expect(cardStatus(relearning, flag, t0)).toBe('suspended');
		const buried = { ...flag, suspended: false, buriedUntil: t0 + MIN };
		expect(cardStatus(undefined, buried, t0)).toBe('buried');
		expect(cardStatus(undefined, buried, t0 + 2 * MIN)).toBe('new');
	});
});

describe("the day's summary", () => {
	it('counts answers, cards, new cards learned and time, leaving out cards put in review by a quiz', () => {
		const a = answered('a', [1, 3, 3]);
		const b = answered('b', [4]);
		const manual = { ...b.log[0]!, id: 'm', rating: 0 as const, durationMs: 0 };
		expect(daySummary([...a.log, ...b.log, manual])).toEqual({
			answers: 4,
			cards: 2,
			newLearned: 2,
			timeMs: 20_000
		});
		expect(daySummary([])).toEqual({ answers: 0, cards: 0, newLearned: 0, timeMs: 0 });
	});
});

describe('when the queue next changes by itself', () => {
	const cards: QueueCard[] = [
		{ id: 'a', order: 0, topics: ['x'] },
		{ id: 'b', order: 1, topics: ['x'] }
	];
	const base = { cards, flags: new Map(), reviewsToday: [], settings: DEFAULT_SETTINGS, scheduler: f };

	it('is the next study day when no card is in learning', () => {
		const q = buildQueue({ ...base, states: new Map(), now: t0 });
		expect(nextChange(q, t0, 4)).toBe(nextDayStart(t0, 4));
		const { state } = answered('a', [4]);
		const done = buildQueue({ ...base, cards: [cards[0]!], states: new Map([['a', state]]), now: t0 });
		expect(nextAvailable(done, t0)).toBe(state.due);
		expect(nextAvailable(buildQueue({ ...base, cards: [], states: new Map(), now: t0 }), t0)).toBeNull();
	});

	it('is when a learning card comes within the learn-ahead limit, then when it falls due', () => {
		const { state } = answered('a', [1]);
		const hourLater = { ...state, due: t0 + 60 * MIN };
		const q = buildQueue({ ...base, states: new Map([['a', hourLater]]), now: t0 });
		expect(nextChange(q, t0, 4)).toBe(t0 + 60 * MIN - LEARN_AHEAD_MS);
		expect(nextAvailable(q, t0)).toBe(t0 + 60 * MIN - LEARN_AHEAD_MS);
		const close = t0 + 50 * MIN;
		const q2 = buildQueue({ ...base, states: new Map([['a', hourLater]]), now: close });
		expect(nextChange(q2, close, 4)).toBe(t0 + 60 * MIN);
		expect(nextChange(q2, close, 4)).toBeGreaterThan(close);
	});
});
