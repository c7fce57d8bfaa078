// Type tests, checked by `npm run check` (tsc): each @ts-expect-error line must be an error, or the check fails.
import { describe, expect, it } from 'vitest';
import type { QuizAnswerRow, QuizRow } from '../model.ts';
import type { Exact } from './exact.ts';

/** The check the backup's checker had before: mutual assignability. */
type Assignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type AnswerWithoutNearly = Omit<QuizAnswerRow, 'nearly'>;
type QuizWithoutRetry = Omit<QuizRow, 'retryOf'>;
type QuizWithPlainAnswers = Omit<QuizRow, 'answers'> & { answers: AnswerWithoutNearly[] };

describe('Exact', () => {
	it('tells a row type from the same type less an optional key, where mutual assignability did not', () => {
		// The old check let these through: a checker without `nearly` or `retryOf` passed it.
		const missed: [
			Assignable<AnswerWithoutNearly, QuizAnswerRow>,
			Assignable<QuizWithoutRetry, QuizRow>,
			Assignable<QuizWithPlainAnswers, QuizRow>
		] = [true, true, true];
		// @ts-expect-error an optional key missing is a difference
		const a: Exact<AnswerWithoutNearly, QuizAnswerRow> = true;
		// @ts-expect-error likewise at the top of a row
		const b: Exact<QuizWithoutRetry, QuizRow> = true;
		// @ts-expect-error and inside a list of nested rows
		const c: Exact<QuizWithPlainAnswers, QuizRow> = true;
		// @ts-expect-error an optional key is not a required one
		const d: Exact<{ a?: string }, { a: string }> = true;
		// @ts-expect-error nor a key of another type
		const e: Exact<{ a: number }, { a: string }> = true;
		const same: [Exact<QuizRow, QuizRow>, Exact<{ a?: string }, { a?: string }>] = [true, true];
		expect([missed, a, b, c, d, e, same].flat()).not.toContain(false);
	});
});
