import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, StudyDatabase, useDatabase } from './index.ts';
import type { PendingAnswer } from '../model.ts';
import { noteAnswer, notedAnswers } from './journal.ts';
import { freshLocalStorage } from '../../../tests/unit/memory-storage.ts';
import { allFlags, allStates, answerCard, rebuildAllStates, reviewsOfCard } from './reviews.ts';
import { saveSettings } from './settings.ts';
import { DEFAULT_SETTINGS } from '../srs/defaults.ts';
import { isLeech } from '../srs/leech.ts';
import { State } from '../srs/scheduler.ts';

const t0 = new Date(2026, 2, 1, 9).getTime();
const DAY = 86_400_000;

function answer(over: Partial<PendingAnswer> = {}): PendingAnswer {
	return { id: crypto.randomUUID(), cardId: 'a', rating: 3, now: t0, durationMs: 4000, ...over };
}

/** The next page load: the database is opened again (and the journal read as it opens). */
async function reopen(): Promise<void> {
	const db = getDb();
	db.close();
	await db.open();
}

beforeEach(() => {
	freshLocalStorage();
	useDatabase(new StudyDatabase(`test-${crypto.randomUUID()}`));
});

describe('the journal of answers being written', () => {
	it('keeps a note until its write settles', () => {
		const settle = noteAnswer(answer({ id: 'r1' }));
		noteAnswer(answer({ id: 'r2', cardId: 'b' }));
		expect(notedAnswers().map((a) => a.id)).toEqual(['r1', 'r2']);
		settle();
		expect(notedAnswers().map((a) => a.id)).toEqual(['r2']);
	});

	it('writes a cut-off answer as the database opens, exactly as answering would have', async () => {
		await answerCard('a', 3, { now: t0, id: 'r0' });
		await answerCard('a', 4, { now: t0 + 60_000, id: 'r1', durationMs: 4000 });
		const expected = { states: await allStates(), log: await reviewsOfCard('a') };

		useDatabase(new StudyDatabase(`test-${crypto.randomUUID()}`));
		await answerCard('a', 3, { now: t0, id: 'r0' });
		noteAnswer(answer({ id: 'r1', rating: 4, now: t0 + 60_000 })); // the page went away before the write
		await reopen();
		expect(await allStates()).toEqual(expected.states);
		expect(await reviewsOfCard('a')).toEqual(expected.log);
		expect(notedAnswers()).toEqual([]);
	});

	it('forgets a note whose answer reached the log, without writing it twice', async () => {
		const saved = answer({ id: 'r1' });
		await getDb().open(); // as in the app, where the queue was read before any answer
		noteAnswer(saved);
		await answerCard('a', 3, { now: saved.now, id: 'r1', durationMs: saved.durationMs });
		await reopen();
		expect(await reviewsOfCard('a')).toHaveLength(1);
		expect(notedAnswers()).toEqual([]);
	});

	it('puts a cut-off answer in its place by time when the card was answered again since', async () => {
		await answerCard('a', 3, { now: t0 + DAY, id: 'later' });
		noteAnswer(answer({ id: 'early', rating: 1, now: t0 }));
		await reopen();
		const states = await allStates();
		expect((await reviewsOfCard('a')).map((r) => r.id)).toEqual(['early', 'later']);
		await rebuildAllStates();
		expect(await allStates()).toEqual(states);
	});

	it('passes over a journal it cannot read, and notes that are not answers', async () => {
		localStorage.setItem('kz-tm-study:pending-answers', '{not json');
		expect(notedAnswers()).toEqual([]);
		await reopen();
		expect(await getDb().reviews.count()).toBe(0);
		localStorage.setItem(
			'kz-tm-study:pending-answers',
			JSON.stringify([{ id: 'x', cardId: 'a', rating: 9, now: t0, durationMs: 0 }, answer({ id: 'ok' })])
		);
		expect(notedAnswers().map((a) => a.id)).toEqual(['ok']);
		await reopen();
		expect((await reviewsOfCard('a')).map((r) => r.id)).toEqual(['ok']);
	});

	it('places a cut-off answer with the load balancer, as answering would have', async () => {
		// Ten new cards answered Easy at once: the balancer moves some of their reviews; the first it moves is
		// the answer the page loses on the second run.
		const give = (i: number) => answerCard(`c${i}`, 4, { now: t0 + i * 1000, id: `r${i}`, durationMs: 4000 });
		for (let i = 0; i < 10; i++) await give(i);
		const k = (await getDb().reviews.orderBy('id').toArray()).find((r) => r.scheduledDue !== undefined);
		expect(k).toBeDefined();
		const cut = Number(k!.id.slice(1));
		const expected = { states: await allStates(), log: await getDb().reviews.orderBy('id').toArray() };

		useDatabase(new StudyDatabase(`test-${crypto.randomUUID()}`));
		for (let i = 0; i < cut; i++) await give(i);
		noteAnswer(answer({ id: `r${cut}`, cardId: `c${cut}`, rating: 4, now: t0 + cut * 1000 }));
		await reopen();
		for (let i = cut + 1; i < 10; i++) await give(i);
		expect(await getDb().reviews.orderBy('id').toArray()).toEqual(expected.log);
		expect(await allStates()).toEqual(expected.states);
	});

	it('suspends a card that a cut-off answer makes a leech, or only marks it when the settings say so', async () => {
		for (const leechAction of ['suspend', 'tag'] as const) {
			useDatabase(new StudyDatabase(`test-${crypto.randomUUID()}`));
			await saveSettings({ ...DEFAULT_SETTINGS, leechAction });
			// Learned, then forgotten and relearned 7 times.
			let state = (await answerCard('a', 3, { now: t0 })).state;
			let lapses = 0;
			while (lapses < 7 || state.state !== State.Review) {
				const rating = state.state === State.Review ? 1 : 3;
				if (rating === 1) lapses++;
				state = (await answerCard('a', rating, { now: Math.max(state.due, t0) })).state;
			}
			expect(state.lapses).toBe(7);
			// The 8th lapse is noted, and the page goes away before its write.
			noteAnswer(answer({ id: 'eighth', rating: 1, now: state.due }));
			await reopen();
			const after = (await allStates()).get('a');
			expect(after!.lapses).toBe(8);
			expect(isLeech(after)).toBe(true);
			expect((await allFlags()).get('a')?.suspended ?? false).toBe(leechAction === 'suspend');
		}
	});
});
