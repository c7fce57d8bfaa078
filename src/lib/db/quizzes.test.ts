import type { QuizRow } from '../model.ts';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { StudyDatabase, useDatabase } from './index.ts';
import {
	abandonQuiz,
	finishedQuizzes,
	getQuiz,
	saveQuiz,
	unfinishedQuizOf,
	unfinishedQuizzes
} from './quizzes.ts';

function row(id: string, scope: string, startedAt: number, finishedAt: number | null): QuizRow {
	return {
		id,
		scope,
		seed: 1,
		startedAt,
		finishedAt,
		cardIds: ['a', 'b'],
		answers: finishedAt === null ? [] : [{ cardId: 'a', form: 'choice', given: 'x', correct: true }],
		score: finishedAt === null ? 0 : 1
	};
}

let db: StudyDatabase;
beforeEach(() => {
	db = new StudyDatabase('test-' + crypto.randomUUID());
	useDatabase(db);
});

describe('stored quizzes', () => {
	it('keeps a quiz whole, answers and all, and replaces it on every save', async () => {
		const r = row('q1', 'energy', 10, null);
		await saveQuiz(r);
		expect(await getQuiz('q1')).toEqual(r);
		const answered: QuizRow = {
			...r,
			answers: [{ cardId: 'a', form: 'typed', given: 'Ashgabad', correct: true, nearly: true }],
			score: 1
		};
		await saveQuiz(answered);
		expect(await getQuiz('q1')).toEqual(answered);
		expect(await db.quizzes.count()).toBe(1);
		expect(await getQuiz('nope')).toBeUndefined();
	});

	it('finds the newest quiz under way in a scope, and all quizzes under way', async () => {
		await saveQuiz(row('old', 'energy', 10, null));
		await saveQuiz(row('new', 'energy', 20, null));
		await saveQuiz(row('done', 'energy', 30, 40));
		await saveQuiz(row('other', 'transport', 5, null));
		expect((await unfinishedQuizOf('energy'))?.id).toBe('new');
		expect(await unfinishedQuizOf('culture')).toBeUndefined();
		expect((await unfinishedQuizzes()).map((q) => q.id)).toEqual(['new', 'old', 'other']);
	});

	it('lists finished quizzes, the most recently finished first', async () => {
		await saveQuiz(row('a', 'energy', 1, 300));
		await saveQuiz(row('b', 'energy', 2, null));
		await saveQuiz(row('c', 'mixed', 3, 500));
		await saveQuiz(row('d', 'transport', 4, 100));
		expect((await finishedQuizzes()).map((q) => q.id)).toEqual(['c', 'a', 'd']);
	});

	it('abandons only a quiz under way; finished quizzes stay in the history', async () => {
		await saveQuiz(row('under-way', 'energy', 1, null));
		await saveQuiz(row('finished', 'energy', 2, 3));
		expect(await abandonQuiz('under-way')).toBe(true);
		expect(await getQuiz('under-way')).toBeUndefined();
		expect(await abandonQuiz('finished')).toBe(false);
		expect(await getQuiz('finished')).toBeDefined();
		expect(await abandonQuiz('never-was')).toBe(false);
	});

	it('keeps the answers another tab stored for the same quiz', async () => {
		const start: QuizRow = { ...row('q', 'energy', 1, null), cardIds: ['a', 'b', 'c'] };
		await saveQuiz(start);
		const inTabOne: QuizRow = {
			...start,
			answers: [{ cardId: 'a', form: 'choice', given: 'x', correct: true }]
		};
		const inTabTwo: QuizRow = {
			...start,
			answers: [{ cardId: 'b', form: 'choice', given: 'y', correct: false }]
		};
		await saveQuiz(inTabOne);
		const stored = await saveQuiz(inTabTwo, 99);
		expect(stored.answers.map((a) => a.cardId)).toEqual(['a', 'b']);
		expect(stored).toMatchObject({ score: 1, finishedAt: null });
		expect(await getQuiz('q')).toEqual(stored);

		// The last answer, given in either tab, finishes the quiz.
		const last: QuizRow = {
			...inTabOne,
			answers: [...inTabOne.answers, { cardId: 'c', form: 'typed', given: 'z', correct: true }]
		};
		expect(await saveQuiz(last, 123)).toMatchObject({ finishedAt: 123, score: 2 });
		expect((await getQuiz('q'))!.answers.map((a) => a.cardId)).toEqual(['a', 'b', 'c']);
	});

	it('stores a copy that lacks nothing as it is', async () => {
		const r = row('q', 'energy', 1, null);
		await saveQuiz(r);
		const next: QuizRow = {
			...r,
			answers: [{ cardId: 'a', form: 'choice', given: 'x', correct: true }],
			score: 1
		};
		expect(await saveQuiz(next)).toBe(next);
	});
});
