// The quiz's address: /quiz/<scope>?length=10&seed=42 starts a quiz, ?quiz=<id> shows a stored one.
// Anything else there is refused with a message, and nothing is started.
import { MAX_SEED } from './random.ts';

export const DEFAULT_LENGTH = 10;
export const MIN_LENGTH = 5;
export const MAX_LENGTH = 30;

export interface QuizRequest {
	/** null: not given (DEFAULT_LENGTH for a new quiz). */
	length: number | null;
	/** null: draw a fresh seed. */
	seed: number | null;
	/** A stored quiz to resume or show; null to start (or resume) one in the scope. */
	quizId: string | null;
}

export type ParsedRequest = { ok: true; request: QuizRequest } | { ok: false; errors: string[] };

const wholeNumber = /^\d{1,10}$/;
const quizIdPattern = /^[A-Za-z0-9-]{1,64}$/;

export function parseQuizParams(params: URLSearchParams): ParsedRequest {
	const errors: string[] = [];
	const request: QuizRequest = { length: null, seed: null, quizId: null };

	const length = params.get('length');
	if (length !== null) {
		const n = wholeNumber.test(length) ? Number(length) : NaN;
		if (n >= MIN_LENGTH && n <= MAX_LENGTH) request.length = n;
		else
			errors.push(
				`The length “${clip(length)}” is not allowed: a quiz has ${MIN_LENGTH} to ${MAX_LENGTH} questions.`
			);
	}

	const seed = params.get('seed');
	if (seed !== null) {
		const n = wholeNumber.test(seed) ? Number(seed) : NaN;
		if (n >= 0 && n <= MAX_SEED) request.seed = n;
		else
			errors.push(
				`The seed “${clip(seed)}” is not allowed: it must be a whole number from 0 to ${MAX_SEED}.`
			);
	}

	const quizId = params.get('quiz');
	if (quizId !== null) {
		if (quizIdPattern.test(quizId)) request.quizId = quizId;
		else errors.push(`“${clip(quizId)}” is not the name of a quiz.`);
	}

	return errors.length ? { ok: false, errors } : { ok: true, request };
}

/** A length in range: what a quiz of `n` questions is started over with. */
export function clampLength(n: number): number {
	return Math.min(MAX_LENGTH, Math.max(MIN_LENGTH, Math.round(n)));
}

/** The address that starts a quiz, with the defaults left out. */
export function quizHref(scope: string, length = DEFAULT_LENGTH): string {
	return length === DEFAULT_LENGTH ? `/quiz/${scope}` : `/quiz/${scope}?length=${length}`;
}

/** Echo at most a few words of what was typed into the address. */
function clip(s: string): string {
	return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
