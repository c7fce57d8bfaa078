// Scores: of one quiz, and the best and last of each scope.
import { wholePercent } from '../ui/format.ts';

export interface AnswerLike {
	cardId: string;
	correct: boolean;
}

export interface QuizLike {
	scope: string;
	finishedAt: number | null;
	cardIds: readonly string[];
	answers: readonly AnswerLike[];
	/** Set when the quiz only retried another's mistakes: it does not count towards the scope's scores. */
	retryOf?: string;
}

export interface Score {
	score: number;
	total: number;
}

/** Right answers (nearly right ones included), out of the questions asked. */
export function scoreOf(quiz: Pick<QuizLike, 'cardIds' | 'answers'>): Score {
	return { score: quiz.answers.filter((a) => a.correct).length, total: quiz.cardIds.length };
}

export function formatScore({ score, total }: Score): string {
	return `${score} / ${total}`;
}

/** The share right as a whole percentage; 0 for a quiz without questions. */
export function percent({ score, total }: Score): number {
	return total === 0 ? 0 : wholePercent(score / total);
}

/** Cards answered wrongly, in the order asked, each once. */
export function missedCardIds(answers: readonly AnswerLike[]): string[] {
	return [...new Set(answers.filter((a) => !a.correct).map((a) => a.cardId))];
}

export interface ScopeRecord {
	/** Finished quizzes in the scope (retries of mistakes not counted). */
	taken: number;
	best: Score;
	last: Score;
}

/**
 * Best and last score of each scope, over finished quizzes that were not retries of mistakes.
 * Best is by proportion right, then by more questions; last is by finishing time.
 */
export function scopeRecords(quizzes: readonly QuizLike[]): Map<string, ScopeRecord> {
	const records = new Map<string, ScopeRecord & { lastAt: number }>();
	for (const quiz of quizzes) {
		if (quiz.finishedAt === null || quiz.retryOf || quiz.cardIds.length === 0) continue;
		const s = scoreOf(quiz);
		const record = records.get(quiz.scope);
		if (!record) {
			records.set(quiz.scope, { taken: 1, best: s, last: s, lastAt: quiz.finishedAt });
			continue;
		}
		record.taken++;
		if (better(s, record.best)) record.best = s;
		if (quiz.finishedAt >= record.lastAt) {
			record.last = s;
			record.lastAt = quiz.finishedAt;
		}
	}
	return new Map([...records].map(([scope, { taken, best, last }]) => [scope, { taken, best, last }]));
}

function better(a: Score, b: Score): boolean {
	const diff = a.score * b.total - b.score * a.total;
	return diff > 0 || (diff === 0 && a.total > b.total);
}
