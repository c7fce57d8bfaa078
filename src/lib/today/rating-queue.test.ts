import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PendingAnswer } from '../model.ts';
import { StudyDatabase, useDatabase } from '../db/index.ts';
import { notedAnswers } from '../db/journal.ts';
import { reviewsOfCard } from '../db/reviews.ts';
import { makeScheduler, rate, State } from '../srs/scheduler.ts';
import { DEFAULT_SETTINGS } from '../srs/defaults.ts';
import { freshLocalStorage } from '../../../tests/unit/memory-storage.ts';
import { writeAnswer } from './answer.ts';
import { RatingQueue, type SavedAnswer } from './rating-queue.svelte.ts';

const t0 = new Date(2026, 2, 10, 10, 0).getTime();

function answer(n: number, cardId = 'card-a', rating: PendingAnswer['rating'] = 3): PendingAnswer {
	return { id: `answer-${n}`, cardId, rating, now: t0 + n * 1000, durationMs: 1000 };
}

/** A write the test settles by hand. */
function handWrites() {
	const calls: { answer: PendingAnswer; resolve: () => void; reject: (e: Error) => void }[] = [];
	const write = (a: PendingAnswer) =>
		new Promise<SavedAnswer>((resolve, reject) => {
			const saved = rate(makeScheduler(DEFAULT_SETTINGS), a.cardId, undefined, a.rating, a.now, a.id);
			calls.push({ answer: a, resolve: () => resolve(saved), reject });
		});
	return { calls, write };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(async () => {
	freshLocalStorage();
	const db = new StudyDatabase(`test-${crypto.randomUUID()}`);
	useDatabase(db);
	// Open, as it is on the review screen before the first answer (opening writes the journal's notes).
	await db.open();
});

describe('the rating queue', () => {
	it('writes answers given in one go in the order given, each on the state the one before left', async () => {
		const queue = new RatingQueue({ write: writeAnswer });
		const writes = [1, 3, 4].map((rating, i) =>
			queue.submit(answer(i, 'card-a', rating as PendingAnswer['rating']), DEFAULT_SETTINGS)
		);
		expect(queue.pending).toBe(3);
		await Promise.all(writes);
		expect(queue.pending).toBe(0);

		const log = await reviewsOfCard('card-a');
		expect(log.map((r) => r.id)).toEqual(['answer-0', 'answer-1', 'answer-2']);
		// The same chain the scheduler gives when the answers are replayed one after the other.
		const f = makeScheduler(DEFAULT_SETTINGS);
		let state = undefined;
		for (const [i, r] of [1, 3, 4].entries()) {
			state = rate(f, 'card-a', state, r as PendingAnswer['rating'], t0 + i * 1000, `answer-${i}`).state;
		}
		expect(log.at(-1)!.state).toBe(State.Learning);
		expect((await writes[2])!.state).toEqual(state);
	});

	it('starts the write and its journal note in the caller’s task, and drops the note once written', async () => {
		const { calls, write } = handWrites();
		const queue = new RatingQueue({ write });
		const saving = queue.submit(answer(1), DEFAULT_SETTINGS);
		// Synchronously: no await came between the rating and the write.
		expect(calls.map((c) => c.answer.id)).toEqual(['answer-1']);
		expect(notedAnswers().map((a) => a.id)).toEqual(['answer-1']);
		calls[0]!.resolve();
		await saving;
		await tick();
		expect(notedAnswers()).toEqual([]);
	});

	it('opens the database transaction before the task of the rating ends', async () => {
		const db = new StudyDatabase(`test-${crypto.randomUUID()}`);
		const made: string[] = [];
		// Hears every transaction the database makes.
		db.use({
			stack: 'dbcore',
			name: 'probe',
			create: (down) => ({
				...down,
				transaction(stores, mode, options) {
					made.push(mode);
					return down.transaction(stores, mode, options);
				}
			})
		});
		useDatabase(db);
		await db.open();
		const queue = new RatingQueue({ write: writeAnswer });
		const saving = queue.submit(answer(1), DEFAULT_SETTINGS);
		// The next task: by then the transaction exists (made in a microtask of the rating's own task).
		// (Reads the database makes of itself as it opens, such as the look for renamed cards, are not the answer's.)
		const seen = await new Promise<string[]>((r) => setTimeout(() => r([...made]), 0));
		expect(seen.filter((mode) => mode === 'readwrite')).toEqual(['readwrite']);
		await saving;
	});

	it('keeps what comes when the writes are at the limit, in order, and runs it as writes settle', async () => {
		const { calls, write } = handWrites();
		const queue = new RatingQueue({ write, limit: 2, maxWaiting: 3 });
		const ran: string[] = [];
		queue.submit(answer(1), DEFAULT_SETTINGS);
		expect(queue.whenRoom(() => ran.push('reveal 2'))).toBe(true);
		expect(ran).toEqual(['reveal 2']);
		queue.submit(answer(2), DEFAULT_SETTINGS);
		expect(queue.hasRoom).toBe(false);
		expect(() => queue.submit(answer(9), DEFAULT_SETTINGS)).toThrow();

		for (const what of ['reveal 3', 'rate 3', 'reveal 4']) {
			expect(queue.whenRoom(() => ran.push(what))).toBe(true);
		}
		// Beyond maxWaiting the action is refused, and the caller hears it.
		expect(queue.whenRoom(() => ran.push('rate 4'))).toBe(false);
		expect(queue.waiting).toBe(3);
		expect(ran).toEqual(['reveal 2']);

		calls[0]!.resolve();
		await tick();
		expect(ran).toEqual(['reveal 2', 'reveal 3', 'rate 3', 'reveal 4']);
		expect(queue.waiting).toBe(0);
	});

	it('waits for a write’s room again when a waiting action starts a write', async () => {
		const { calls, write } = handWrites();
		const queue = new RatingQueue({ write, limit: 1 });
		queue.submit(answer(1), DEFAULT_SETTINGS);
		const ran: string[] = [];
		queue.whenRoom(() => {
			ran.push('rate 2');
			queue.submit(answer(2), DEFAULT_SETTINGS);
		});
		queue.whenRoom(() => ran.push('reveal 3'));
		calls[0]!.resolve();
		await tick();
		// The second write fills the queue again: the reveal after it waits for that write.
		expect(ran).toEqual(['rate 2']);
		calls[1]!.resolve();
		await tick();
		expect(ran).toEqual(['rate 2', 'reveal 3']);
	});

	it('passes a failed write on to the caller, frees its room and drops its note', async () => {
		const { calls, write } = handWrites();
		const queue = new RatingQueue({ write, limit: 1 });
		const saving = queue.submit(answer(1), DEFAULT_SETTINGS);
		let ran = false;
		queue.whenRoom(() => (ran = true));
		calls[0]!.reject(new Error('disk full'));
		await expect(saving).rejects.toThrow('disk full');
		await tick();
		expect(queue.pending).toBe(0);
		expect(ran).toBe(true);
		expect(notedAnswers()).toEqual([]);
	});

	it('drops the waiting actions when asked, and tells each one it was dropped', async () => {
		const { calls, write } = handWrites();
		const queue = new RatingQueue({ write, limit: 1 });
		queue.submit(answer(1), DEFAULT_SETTINGS);
		const heard: string[] = [];
		queue.whenRoom(
			() => heard.push('ran'),
			() => heard.push('dropped')
		);
		queue.clearWaiting();
		expect(heard).toEqual(['dropped']);
		calls[0]!.resolve();
		await tick();
		expect(heard).toEqual(['dropped']);
	});

	it('settles once every write and every waiting action has', async () => {
		const { calls, write } = handWrites();
		const queue = new RatingQueue({ write, limit: 1 });
		queue.submit(answer(1), DEFAULT_SETTINGS);
		queue.whenRoom(() => void queue.submit(answer(2), DEFAULT_SETTINGS));
		let settled = false;
		const all = queue.settled().then(() => (settled = true));
		calls[0]!.resolve();
		await tick();
		expect(settled).toBe(false);
		expect(calls).toHaveLength(2);
		calls[1]!.resolve();
		await all;
		expect(queue.pending).toBe(0);
	});

	it('keeps what comes while the write’s code loads, and runs it in order once loaded', async () => {
		const { calls, write } = handWrites();
		const queue = new RatingQueue({ write });
		let loaded!: () => void;
		queue.hold(new Promise<void>((r) => (loaded = r)));
		expect(queue.hasRoom).toBe(false);
		const ran: string[] = [];
		queue.whenRoom(() => ran.push('reveal 1'));
		queue.whenRoom(() => {
			ran.push('rate 1');
			queue.submit(answer(1), DEFAULT_SETTINGS);
		});
		let settled = false;
		const all = queue.settled().then(() => (settled = true));
		await tick();
		expect(ran).toEqual([]);
		expect(settled).toBe(false);
		loaded();
		await tick();
		expect(ran).toEqual(['reveal 1', 'rate 1']);
		expect(calls).toHaveLength(1);
		calls[0]!.resolve();
		await all;
		expect(queue.hasRoom).toBe(true);
	});
});
