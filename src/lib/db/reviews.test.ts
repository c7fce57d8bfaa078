import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { StudyDatabase, useDatabase } from './index.ts';
import {
	addCardsToReview,
	allStates,
	answerCard,
	rebuildAllStates,
	reviewsOfCard,
	undoReview
} from './reviews.ts';
import { loadSettings, saveSettings } from './settings.ts';
import { DEFAULT_SETTINGS } from '../srs/defaults.ts';
import { makeScheduler, rate, replayLog, State } from '../srs/scheduler.ts';

const DAY = 86_400_000;
const t0 = new Date(2026, 2, 1, 9).getTime();
let db: StudyDatabase;

beforeEach(() => {
	db = new StudyDatabase(`test-${crypto.randomUUID()}`);
	useDatabase(db);
});

describe('the review log and card states', () => {
	it('writes an answer and its log row together, and a rebuild from the log gives the same states', async () => {
		await answerCard('a', 3, { now: t0 });
		await answerCard('a', 3, { now: t0 + 10 * 60_000 });
		await answerCard('b', 1, { now: t0 });
		await answerCard('a', 2, { now: t0 + 4 * DAY });
		const kept = await allStates();
		expect(await db.reviews.count()).toBe(4);
		expect(await rebuildAllStates()).toBe(2);
		expect(await allStates()).toEqual(kept);
	});

	it('leaves neither row when the transaction fails', async () => {
		const add = db.reviews.add.bind(db.reviews);
		db.reviews.add = (() => Promise.reject(new Error('disk full'))) as unknown as typeof db.reviews.add;
		await expect(answerCard('a', 3, { now: t0 })).rejects.toThrow('disk full');
		db.reviews.add = add;
		expect(await db.cardStates.count()).toBe(0);
		expect(await db.reviews.count()).toBe(0);
	});

	it('takes back answers exactly, several in a row', async () => {
		const first = await answerCard('a', 3, { now: t0 });
		const afterFirst = await db.cardStates.get('a');
		const second = await answerCard('a', 4, { now: t0 + 60_000 });
		const third = await answerCard('b', 1, { now: t0 + 120_000 });
		expect(await undoReview(third.review.id)).toEqual({ cardId: 'b', state: undefined });
		expect(await db.cardStates.get('b')).toBeUndefined();
		expect(await undoReview(second.review.id)).toEqual({ cardId: 'a', state: afterFirst });
		expect(await db.cardStates.get('a')).toEqual(afterFirst);
		expect(await undoReview(second.review.id)).toBeNull();
		expect(await undoReview(first.review.id)).toEqual({ cardId: 'a', state: undefined });
		expect(await db.reviews.count()).toBe(0);
		expect(await db.cardStates.count()).toBe(0);
	});

	it('keeps both answers when two tabs answer the same card at once', async () => {
		await Promise.all([answerCard('a', 3, { now: t0 }), answerCard('a', 3, { now: t0 + 1 })]);
		const reviews = await reviewsOfCard('a');
		expect(reviews).toHaveLength(2);
		expect((await db.cardStates.get('a'))!.reps).toBe(2);
	});

	it('makes missed cards due now through the log, so a rebuild keeps it', async () => {
		await answerCard('a', 4, { now: t0 });
		expect((await db.cardStates.get('a'))!.due).toBeGreaterThan(t0 + DAY);
		await addCardsToReview(['a', 'never-seen'], t0 + 60_000);
		const a = (await db.cardStates.get('a'))!;
		expect(a.due).toBe(t0 + 60_000);
		expect(a.state).toBe(State.Review);
		const fresh = (await db.cardStates.get('never-seen'))!;
		expect(fresh.state).toBe(State.New);
		expect(fresh.lastReview).toBe(t0 + 60_000);
		const before = await allStates();
		await rebuildAllStates();
		expect(await allStates()).toEqual(before);
	});

	it('keeps the history of a card taken out of the deck, keyed by its id', async () => {
		await answerCard('old-card', 3, { now: t0 });
		await rebuildAllStates();
		expect(await reviewsOfCard('old-card')).toHaveLength(1);
		expect((await allStates()).has('old-card')).toBe(true);
	});
});

describe('the day the load balancer chose, in the log', () => {
	/** Ten new cards answered Easy at once: their reviews fall in one fuzz range, and the balancer spreads them. */
	async function spread() {
		for (let i = 0; i < 10; i++) await answerCard(`c${i}`, 4, { now: t0 + i * 1000, id: `r${i}` });
		const moved = (await db.reviews.toArray()).find((r) => r.scheduledDue !== undefined);
		expect(moved).toBeDefined();
		return moved!;
	}

	it('is written with the answer, and Undo and replays keep it', async () => {
		const moved = await spread();
		const fuzzDay = rate(makeScheduler(DEFAULT_SETTINGS), moved.cardId, undefined, 4, moved.reviewedAt, 'x')
			.state.due;
		expect(moved.scheduledDue).not.toBe(fuzzDay);
		const before = (await allStates()).get(moved.cardId)!;
		expect(before.due).toBe(moved.scheduledDue);

		// The next answer builds on the day chosen (ts-fsrs logs the interval the card had), and a replay of
		// the card's log gives every row as answering wrote it.
		const next = await answerCard(moved.cardId, 3, { now: before.due });
		const stored = await reviewsOfCard(moved.cardId);
		const replayed = replayLog(makeScheduler(DEFAULT_SETTINGS), moved.cardId, stored)!;
		expect(replayed.rows).toEqual(stored);
		expect(replayed.state).toEqual(next.state);

		// Undo of the next answer: the card is due on the day chosen again.
		await undoReview(next.review.id);
		expect((await allStates()).get(moved.cardId)).toEqual(before);
	});

	it('is recomputed by a Reschedule, and ignored outside the answer’s fuzz range', async () => {
		const moved = await spread();
		const f = makeScheduler(DEFAULT_SETTINGS);
		const fuzzDay = rate(f, moved.cardId, undefined, 4, moved.reviewedAt, 'x').state.due;
		await rebuildAllStates();
		expect((await allStates()).get(moved.cardId)!.due).toBe(fuzzDay);
		expect((await db.reviews.get(moved.id))!.scheduledDue).toBe(moved.scheduledDue);

		// A day the balancer could not have chosen for this answer (a log answered under other settings).
		const far = { ...moved, scheduledDue: moved.reviewedAt + 200 * DAY };
		expect(replayLog(f, moved.cardId, [far])!.state.due).toBe(fuzzDay);
		expect(replayLog(f, moved.cardId, [moved])!.state.due).toBe(moved.scheduledDue);
	});
});

describe('settings storage', () => {
	it('saves valid settings and refuses bad ones whole', async () => {
		expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
		const ok = await saveSettings({ ...DEFAULT_SETTINGS, newPerDay: 20 });
		expect(ok.ok).toBe(true);
		const bad = await saveSettings({ ...DEFAULT_SETTINGS, newPerDay: 5, desiredRetention: 2 });
		expect(bad.ok).toBe(false);
		expect((await loadSettings()).newPerDay).toBe(20);
	});

	it('applies new settings from the next answer, or to every studied card when asked to reschedule', async () => {
		await answerCard('a', 3, { now: t0 });
		await answerCard('a', 3, { now: t0 + 10 * 60_000 });
		await answerCard('a', 3, { now: t0 + 3 * DAY });
		await answerCard('b', 1, { now: t0 });
		const before = await allStates();
		const lower = { ...DEFAULT_SETTINGS, desiredRetention: 0.8 };

		const kept = await saveSettings(lower);
		expect(kept).toMatchObject({ ok: true, rescheduled: null });
		expect(await allStates()).toEqual(before);

		const moved = await saveSettings(lower, { reschedule: true });
		expect(moved).toMatchObject({ ok: true, rescheduled: 2 });
		const after = await allStates();
		// A lower retention gives a review card a longer wait; what was learned (stability) is the same.
		expect(after.get('a')!.due).toBeGreaterThan(before.get('a')!.due);
		expect(after.get('a')!.stability).toBeCloseTo(before.get('a')!.stability, 6);
		expect(after.get('b')).toEqual(before.get('b'));
		await rebuildAllStates();
		expect(await allStates()).toEqual(after);
		expect(await reviewsOfCard('a')).toHaveLength(3);
	});

	it('reschedules nothing when the settings are refused', async () => {
		await answerCard('a', 3, { now: t0 });
		const before = await allStates();
		const bad = await saveSettings({ ...DEFAULT_SETTINGS, desiredRetention: 0.5 }, { reschedule: true });
		expect(bad.ok).toBe(false);
		expect(await allStates()).toEqual(before);
		expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
	});
});
