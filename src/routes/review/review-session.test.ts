import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StudyDatabase, useDatabase } from '$lib/db/index.ts';
import { answerCard, reviewsOfCard } from '$lib/db/reviews.ts';
import { saveSettings } from '$lib/db/settings.ts';
import { nextDayStart } from '$lib/srs/day.ts';
import type { QueueCard } from '$lib/srs/queue.ts';
import { State } from '$lib/srs/scheduler.ts';
import { DEFAULT_SETTINGS } from '$lib/srs/defaults.ts';
import { ReviewSession } from './review-session.svelte.ts';
import { TestClock } from '../../../tests/unit/clock.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const t0 = new Date(2026, 2, 10, 10, 0).getTime();

const cards: QueueCard[] = Array.from({ length: 6 }, (_, i) => ({
	id: `card-${i}`,
	order: i,
	topics: [i % 2 ? 'odd' : 'even']
}));

let db: StudyDatabase;
let clock: TestClock;
let session: ReviewSession;
let firstAnswers: number;

/** Waits for what the live query brings (it runs on real timers). */
async function until(check: () => boolean, what = 'condition'): Promise<void> {
	for (let i = 0; i < 500; i++) {
		if (check()) return;
		await new Promise((r) => setTimeout(r, 10));
	}
	throw new Error(`timed out waiting for ${what}`);
}

async function startSession(deck = cards): Promise<ReviewSession> {
	firstAnswers = 0;
	session = new ReviewSession(deck, { clock, afterFirstAnswer: () => firstAnswers++ });
	session.start();
	await until(() => session.loaded, 'the first data');
	// As the screen does once its first card is painted (with no frames here, it is not started by itself).
	await session.load();
	return session;
}

function counts() {
	return { ...session.today.queue!.counts };
}

beforeEach(() => {
	db = new StudyDatabase(`test-${crypto.randomUUID()}`);
	useDatabase(db);
	clock = new TestClock(t0);
});

afterEach(() => session?.stop());

describe('the review session', () => {
	it('shows a card, its intervals once revealed, and the next card at once after an answer', async () => {
		await startSession();
		const first = session.currentId!;
		expect(first).toBe('card-0');
		expect(session.intervals).toBeNull();
		session.reveal();
		const i = session.intervals!;
		expect(i[1]).toBeLessThan(i[2]);
		expect(i[2]).toBeLessThan(i[3]);
		expect(i[3]).toBeLessThan(i[4]);
		const before = counts();

		clock.advance(7000);
		expect(await session.answer(3)).toBe(true);
		// The in-memory queue moved on from the answer itself, before any read of the database.
		expect(session.today.data!.states.get(first)!.state).toBe(State.Learning);
		expect(session.currentId).not.toBe(first);
		expect(session.revealed).toBe(false);
		expect(counts()).toEqual({ ...before, fresh: before.fresh - 1, learning: before.learning + 1 });
		expect(session.announcement).toMatch(/^Good: back in 10m\./);

		const [review] = await reviewsOfCard(first);
		expect(review!.durationMs).toBe(7000);
		expect(review!.rating).toBe(3);
		expect(session.today.summary.answers).toBe(1);
	});

	it('shows the next card before the answer is saved, and the card again when it cannot be saved', async () => {
		await startSession();
		const first = session.currentId!;
		session.reveal();
		const saving = session.answer(3);
		expect(session.currentId).not.toBe(first);
		expect(await saving).toBe(true);
		expect(await reviewsOfCard(first)).toHaveLength(1);

		const second = session.currentId!;
		session.reveal();
		db.close({ disableAutoOpen: true });
		const failing = session.answer(3);
		expect(session.currentId).not.toBe(second);
		expect(await failing).toBe(false);
		expect(session.currentId).toBe(second);
		expect(session.revealed).toBe(true);
		expect(session.error).toMatch(/could not be saved/);
		expect(session.today.summary.answers).toBe(1);
		expect(session.canUndo).toBe(true);
	});

	it('takes every one of 20 ratings given as fast as keys can, none dropped', async () => {
		// Room for all 20 to wait: how many do depends on how fast the database is.
		session = new ReviewSession(cards, { clock, ratings: { maxWaiting: 40 } });
		session.start();
		await until(() => session.loaded, 'the first data');
		await session.load();
		const saves: Promise<boolean>[] = [];
		let waited = false;
		for (let i = 0; i < 20; i++) {
			// Space then a rating, each key its own task as in a browser: Again and Hard keep the cards coming.
			session.reveal();
			await new Promise((r) => setTimeout(r, 0));
			saves.push(session.answer(i % 3 ? 1 : 2));
			waited ||= session.revealWaits || session.saving > 1;
			await new Promise((r) => setTimeout(r, 0));
		}
		// Keys came faster than the answers were saved.
		expect(waited).toBe(true);
		expect(await Promise.all(saves)).toEqual(Array(20).fill(true));
		expect(await db.reviews.count()).toBe(20);
		expect(session.today.summary.answers).toBe(20);
		expect(session.error).toBeNull();
		// Each card's state in memory is the one the database holds.
		for (const [cardId, state] of session.today.data!.states) {
			expect(await db.cardStates.get(cardId)).toEqual(state);
		}
	});

	it('in a burst of keys beyond what may wait, refuses the rest with a message, and keeps every one taken', async () => {
		await startSession();
		const saves: Promise<boolean>[] = [];
		// Six pairs more than may be written and wait.
		const pairs = session.ratings.limit + session.ratings.maxWaiting / 2 + 6;
		for (let i = 0; i < pairs; i++) {
			// All in one task: no answer can be saved meanwhile.
			session.reveal();
			saves.push(session.answer(1));
		}
		const taken = (await Promise.all(saves)).filter(Boolean).length;
		// The writes allowed at once, then the reveals and ratings allowed to wait (a pair each).
		expect(taken).toBe(session.ratings.limit + session.ratings.maxWaiting / 2);
		expect(session.error).toMatch(/Too many keys at once/);
		expect(await db.reviews.count()).toBe(taken);
		expect(session.today.summary.answers).toBe(taken);
	});

	it('shows the answer only once an answer is saved when the writes are at the limit, and says so', async () => {
		const writes: (() => void)[] = [];
		session = new ReviewSession(cards, {
			clock,
			ratings: {
				limit: 1,
				// Holds each write until the test lets it go.
				write: async (a, settings) => {
					await new Promise<void>((r) => writes.push(r));
					return answerCard(a.cardId, a.rating, { ...a, settings });
				}
			}
		});
		session.start();
		await until(() => session.loaded, 'the first data');
		await session.load();
		const first = session.currentId!;
		session.reveal();
		const saving = session.answer(3);
		const second = session.currentId!;
		expect(second).not.toBe(first);
		session.reveal();
		expect(session.revealed).toBe(false);
		expect(session.revealWaits).toBe(true);
		const later = session.answer(4);
		expect(session.currentId).toBe(second);

		writes.shift()!();
		expect(await saving).toBe(true);
		await until(() => writes.length === 1, 'the second write');
		expect(session.currentId).not.toBe(second);
		expect(session.revealWaits).toBe(false);
		writes.shift()!();
		expect(await later).toBe(true);
		expect((await db.cardStates.get(second))!.state).toBe(State.Review);
	});

	it('Undo given while answers are being saved takes back the last one', async () => {
		await startSession();
		const shown: string[] = [];
		for (const rating of [3, 3, 3] as const) {
			shown.push(session.currentId!);
			session.reveal();
			void session.answer(rating);
		}
		expect(await session.undo()).toBe(true);
		expect(session.currentId).toBe(shown[2]);
		expect((await db.reviews.toArray()).map((r) => r.cardId).sort()).toEqual([shown[0], shown[1]].sort());
	});

	it('does not rate a card whose answer is not shown', async () => {
		await startSession();
		expect(await session.answer(3)).toBe(false);
		expect(await db.reviews.count()).toBe(0);
	});

	it('takes back several answers in a row, restoring the cards and the counts exactly', async () => {
		await startSession();
		const start = counts();
		const shown: string[] = [];
		for (const rating of [3, 1, 4] as const) {
			shown.push(session.currentId!);
			session.reveal();
			await session.answer(rating);
		}
		const states = await db.cardStates.toArray();
		expect(states).toHaveLength(3);

		expect(await session.undo()).toBe(true);
		expect(session.currentId).toBe(shown[2]);
		expect(session.revealed).toBe(false);
		expect(await db.cardStates.get(shown[2]!)).toBeUndefined();
		await session.undo();
		expect(session.currentId).toBe(shown[1]);
		await session.undo();
		expect(session.currentId).toBe(shown[0]);
		expect(session.canUndo).toBe(false);
		expect(await session.undo()).toBe(false);
		expect(await db.reviews.count()).toBe(0);
		expect(counts()).toEqual(start);
		expect(session.today.summary.answers).toBe(0);
	});

	it('skips a card until the next study day, suspends one, and Undo brings each back', async () => {
		await startSession();
		const skipped = session.currentId!;
		await session.skip();
		expect(session.currentId).not.toBe(skipped);
		expect((await db.cardFlags.get(skipped))!.buriedUntil).toBe(
			nextDayStart(t0, DEFAULT_SETTINGS.dayStartHour)
		);
		const suspended = session.currentId!;
		await session.suspend();
		expect((await db.cardFlags.get(suspended))!.suspended).toBe(true);
		const queued = () => [...session.today.queue!.fresh];
		expect(queued()).not.toContain(skipped);
		expect(queued()).not.toContain(suspended);

		await session.undo();
		expect(session.currentId).toBe(suspended);
		expect((await db.cardFlags.get(suspended))!.suspended).toBe(false);
		await session.undo();
		expect(session.currentId).toBe(skipped);
		expect((await db.cardFlags.get(skipped))!.buriedUntil).toBe(0);
		expect(queued()).toContain(skipped);

		// The skipped card is back the next study day without Undo.
		await session.skip();
		expect(queued()).not.toContain(skipped);
		clock.set(nextDayStart(t0, DEFAULT_SETTINGS.dayStartHour) + MIN);
		await until(() => session.today.data!.since > t0, "the next day's data");
		expect(queued()).toContain(skipped);
	});

	it("takes in another tab's answers as they happen, and both tabs' answers are kept", async () => {
		await startSession();
		const shown = session.currentId!;
		const fresh = counts().fresh;

		// Another tab: its own connection to the same database, answering the same card.
		const other = new StudyDatabase(db.name);
		useDatabase(other);
		const elsewhere = answerCard(shown, 3, { now: t0, settings: DEFAULT_SETTINGS });
		useDatabase(db);
		await elsewhere;
		await until(() => counts().fresh === fresh - 1, "the other tab's answer");
		expect(session.currentId).toBe(shown);

		session.reveal();
		await session.answer(3);
		const reviews = await reviewsOfCard(shown);
		expect(reviews).toHaveLength(2);
		// The second answer built on the first: the card went through both learning steps.
		expect((await db.cardStates.get(shown))!.state).toBe(State.Review);
		other.close();
	});

	it('shows a learning card again when it comes due, by a timer, after the work is done', async () => {
		await saveSettings({ ...DEFAULT_SETTINGS, learningSteps: ['1h'], newPerDay: 1 });
		await startSession();
		const card = session.currentId!;
		session.reveal();
		await session.answer(1);
		expect(session.done).toBe(true);
		const later = session.today.queue!.later;
		expect(later.map((c) => c.id)).toEqual([card]);
		expect(later[0]!.due).toBe(t0 + 60 * MIN);

		// Shown within the learn-ahead limit (20 minutes) of its due time, and not before.
		clock.advance(39 * MIN);
		expect(session.done).toBe(true);
		clock.advance(2 * MIN);
		expect(session.currentId).toBe(card);
	});

	it('brings the due reviews on a new day, found by the timer', async () => {
		await startSession([cards[0]!]);
		session.reveal();
		await session.answer(4);
		expect(session.done).toBe(true);
		const due = session.today.data!.states.get('card-0')!.due;
		expect(session.today.queue!.nextDue).toBe(due);

		// Jump past the due date; the timers fire once, as they do after a computer slept.
		clock.set(due + DAY);
		await until(() => session.currentId === 'card-0', 'the due card');
		expect(session.kind).toBe('review');
		expect(counts().review).toBe(1);
	});

	it('copes with a clock set back: no crash, no negative interval, no review before the last', async () => {
		await startSession([cards[0]!]);
		session.reveal();
		await session.answer(4);
		const last = (await reviewsOfCard('card-0')).at(-1)!;
		clock.set(session.today.data!.states.get('card-0')!.due + DAY);
		await until(() => session.currentId === 'card-0', 'the due card');

		// While the card is shown, the clock goes back two days before its last review.
		clock.set(t0 - 2 * DAY);
		// Timers run on real time: the next one (at most minutes away) looks at the changed clock.
		session.today.tick();
		await until(() => session.today.data!.since < t0 - DAY, "the earlier day's data");
		expect(session.currentId).toBe('card-0');
		session.reveal();
		for (const ms of Object.values(session.intervals!)) expect(ms).toBeGreaterThan(0);
		expect(await session.answer(3)).toBe(true);
		const again = (await reviewsOfCard('card-0')).at(-1)!;
		expect(again.reviewedAt).toBeGreaterThanOrEqual(last.reviewedAt);
		expect(again.elapsedDays).toBeGreaterThanOrEqual(0);
		expect((await db.cardStates.get('card-0'))!.due).toBeGreaterThan(last.reviewedAt);
	});

	it('goes on across a change of time zone: the day boundary moves, answers and intervals stay sane', async () => {
		const zone = process.env.TZ;
		try {
			process.env.TZ = 'Asia/Almaty';
			await startSession();
			session.reveal();
			await session.answer(3);
			const since = session.today.data!.since;
			// Flying from Almaty to New York: the local day starts at another instant.
			process.env.TZ = 'America/New_York';
			session.today.tick();
			await until(() => session.today.data!.since !== since, "the new zone's day");
			expect(session.currentId).not.toBeNull();
			session.reveal();
			for (const ms of Object.values(session.intervals!)) expect(ms).toBeGreaterThan(0);
			expect(await session.answer(3)).toBe(true);
			expect(session.today.summary.answers).toBe(2);
		} finally {
			if (zone === undefined) delete process.env.TZ;
			else process.env.TZ = zone;
		}
	});

	it('asks for persistent storage once, after the first answer', async () => {
		await startSession();
		expect(firstAnswers).toBe(0);
		for (let i = 0; i < 3; i++) {
			session.reveal();
			await session.answer(3);
		}
		expect(firstAnswers).toBe(1);
	});

	it('takes Show answer and a rating given before answering has loaded, in turn, once it has', async () => {
		session = new ReviewSession(cards, { clock });
		session.start();
		await until(() => session.loaded, 'the first data');
		const first = session.currentId!;
		// Answering (the scheduler and the writes) is not loaded yet: both wait for it, in order.
		session.reveal();
		expect(session.revealWaits).toBe(true);
		expect(session.revealed).toBe(false);
		const rated = session.answer(3);
		expect(await rated).toBe(true);
		expect(session.currentId).not.toBe(first);
		expect(await reviewsOfCard(first)).toHaveLength(1);
		session.reveal();
		expect(session.revealed).toBe(true);
		expect(session.intervals).not.toBeNull();
	});

	it('restores a snapshot after a reload, and never over a session in use', async () => {
		await startSession();
		session.reveal();
		await session.answer(3);
		const snap = session.capture();
		session.reveal();
		session.stop();

		const reloaded = new ReviewSession(cards, { clock });
		reloaded.restore({ ...snap, revealed: true });
		reloaded.start();
		await until(() => reloaded.loaded);
		expect(reloaded.currentId).toBe(snap.cardId);
		expect(reloaded.revealed).toBe(true);
		expect(await reloaded.undo()).toBe(true);
		expect(await db.reviews.count()).toBe(0);
		reloaded.restore(snap);
		expect(reloaded.currentId).toBe('card-0');
		reloaded.stop();
	});

	it('keeps the shown card when data change underneath it', async () => {
		await startSession();
		const shown = session.currentId!;
		session.reveal();
		const spy = vi.fn();
		const stop = session.today.onChange(spy);
		// Another tab changes the settings.
		const other = new StudyDatabase(db.name);
		useDatabase(other);
		const saved = saveSettings({ ...DEFAULT_SETTINGS, newPerDay: 3 });
		useDatabase(db);
		await saved;
		await until(() => spy.mock.calls.length > 0, 'the new settings');
		expect(session.currentId).toBe(shown);
		expect(session.revealed).toBe(true);
		expect(counts().fresh).toBe(3);
		stop();
		other.close();
	});
});
