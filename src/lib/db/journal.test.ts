import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { StudyDatabase, useDatabase } from './index.ts';
import {
	noteAnswer,
	notedAnswers,
	recoverNotedAnswers as recoverAnswers,
	resetRecovery,
	type PendingAnswer
} from './journal.ts';
import { allStates, answerCard, rebuildAllStates, reviewsOfCard } from './reviews.ts';

const t0 = new Date(2026, 2, 1, 9).getTime();
const DAY = 86_400_000;

// Node has no localStorage: a small one in memory, as the browser's behaves for these calls.
class MemoryStorage {
	#items = new Map<string, string>();
	getItem(key: string) {
		return this.#items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.#items.set(key, String(value));
	}
	removeItem(key: string) {
		this.#items.delete(key);
	}
}

function answer(over: Partial<PendingAnswer> = {}): PendingAnswer {
	return { id: crypto.randomUUID(), cardId: 'a', rating: 3, now: t0, durationMs: 4000, ...over };
}

beforeEach(() => {
	useDatabase(new StudyDatabase(`test-${crypto.randomUUID()}`));
	(globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
	resetRecovery();
});

describe('the journal of answers being written', () => {
	it('keeps a note until its write settles', () => {
		const settle = noteAnswer(answer({ id: 'r1' }));
		noteAnswer(answer({ id: 'r2', cardId: 'b' }));
		expect(notedAnswers().map((a) => a.id)).toEqual(['r1', 'r2']);
		settle();
		expect(notedAnswers().map((a) => a.id)).toEqual(['r2']);
	});

	it('writes a cut-off answer on the next start exactly as answering would have', async () => {
		noteAnswer(answer({ id: 'r1', rating: 4, now: t0 + 60_000 })); // the page went away before the write: nothing in the log

		const reference = new StudyDatabase(`test-${crypto.randomUUID()}`);
		const app = new StudyDatabase(`test-${crypto.randomUUID()}`);
		useDatabase(reference);
		await answerCard('a', 3, { now: t0, id: 'r0' });
		await answerCard('a', 4, { now: t0 + 60_000, id: 'r1', durationMs: 4000 });
		const expected = { states: await allStates(), log: await reviewsOfCard('a') };

		useDatabase(app);
		await answerCard('a', 3, { now: t0, id: 'r0' });
		expect(await recoverAnswers()).toBe(1);
		expect(await allStates()).toEqual(expected.states);
		expect(await reviewsOfCard('a')).toEqual(expected.log);
		expect(notedAnswers()).toEqual([]);
	});

	it('forgets a note whose answer reached the log, without writing it twice', async () => {
		const saved = answer({ id: 'r1' });
		noteAnswer(saved);
		await answerCard('a', 3, { now: saved.now, id: 'r1', durationMs: saved.durationMs });
		expect(await recoverAnswers()).toBe(0);
		expect(await reviewsOfCard('a')).toHaveLength(1);
		expect(notedAnswers()).toEqual([]);
	});

	it('puts a cut-off answer in its place by time when the card was answered again since', async () => {
		noteAnswer(answer({ id: 'early', rating: 1, now: t0 }));
		await answerCard('a', 3, { now: t0 + DAY, id: 'later' });
		expect(await recoverAnswers()).toBe(1);
		const states = await allStates();
		expect((await reviewsOfCard('a')).map((r) => r.id)).toEqual(['early', 'later']);
		await rebuildAllStates();
		expect(await allStates()).toEqual(states);
		expect(states.get('a')!.lapses + states.get('a')!.reps).toBeGreaterThanOrEqual(2);
	});

	it('passes over a journal it cannot read, and notes that are not answers', async () => {
		localStorage.setItem('kz-tm-study:pending-answers', '{not json');
		expect(notedAnswers()).toEqual([]);
		localStorage.setItem(
			'kz-tm-study:pending-answers',
			JSON.stringify([{ id: 'x', cardId: 'a', rating: 9, now: t0, durationMs: 0 }, answer({ id: 'ok' })])
		);
		expect(notedAnswers().map((a) => a.id)).toEqual(['ok']);
		expect(await recoverAnswers()).toBe(1);
	});
});
