import { describe, expect, it } from 'vitest';
import { formatScore, missedCardIds, percent, scopeRecords, scoreOf, type QuizLike } from './score.ts';

const answers = (marks: string) => [...marks].map((m, i) => ({ cardId: `c${i}`, correct: m === '1' }));

function quiz(
	scope: string,
	marks: string,
	finishedAt: number | null,
	over: Partial<QuizLike> = {}
): QuizLike {
	return {
		scope,
		finishedAt,
		cardIds: [...marks].map((_, i) => `c${i}`),
		answers: answers(marks),
		...over
	};
}

describe('the score of a quiz', () => {
	it('counts right answers out of the questions asked', () => {
		expect(scoreOf(quiz('t', '1101', 1))).toEqual({ score: 3, total: 4 });
		expect(formatScore(scoreOf(quiz('t', '1101', 1)))).toBe('3 / 4');
		expect(percent({ score: 3, total: 4 })).toBe(75);
		expect(percent({ score: 0, total: 0 })).toBe(0);
	});

	it('counts unanswered questions as not right', () => {
		const q = { ...quiz('t', '11', null), cardIds: ['c0', 'c1', 'c2', 'c3'] };
		expect(formatScore(scoreOf(q))).toBe('2 / 4');
	});

	it('lists the missed cards in order, once each', () => {
		expect(missedCardIds(answers('10100'))).toEqual(['c1', 'c3', 'c4']);
		expect(missedCardIds([...answers('0'), { cardId: 'c0', correct: false }])).toEqual(['c0']);
		expect(missedCardIds(answers('111'))).toEqual([]);
	});
});

describe('best and last scores of each scope', () => {
	it('keeps the best by proportion and the last by finishing time', () => {
		const records = scopeRecords([
			quiz('energy', '11110', 300),
			quiz('energy', '1111111111', 100),
			quiz('energy', '10', 200),
			quiz('transport', '0000', 50)
		]);
		expect(records.get('energy')).toEqual({
			taken: 3,
			best: { score: 10, total: 10 },
			last: { score: 4, total: 5 }
		});
		expect(records.get('transport')).toEqual({
			taken: 1,
			best: { score: 0, total: 4 },
			last: { score: 0, total: 4 }
		});
		expect(records.has('mixed')).toBe(false);
	});

	it('prefers the longer quiz between equal proportions', () => {
		const records = scopeRecords([quiz('e', '10', 1), quiz('e', '1100', 2), quiz('e', '10', 3)]);
		expect(records.get('e')!.best).toEqual({ score: 2, total: 4 });
	});

	it('leaves out quizzes under way and retries of mistakes', () => {
		const records = scopeRecords([
			quiz('energy', '10', 1),
			quiz('energy', '11', null),
			quiz('energy', '111', 5, { retryOf: 'some-quiz' })
		]);
		expect(records.get('energy')).toEqual({
			taken: 1,
			best: { score: 1, total: 2 },
			last: { score: 1, total: 2 }
		});
	});
});
