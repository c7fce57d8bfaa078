// Quizzes, stored whole: one row per quiz, saved after every answer (finishedAt null until the last).
// Quizzes are practice: nothing here touches the review log or the cards' schedule.
import type { QuizRow } from '../model.ts';
import { getDb } from './index.ts';

/**
 * Saves a quiz, keeping any answers already stored for it that this copy lacks (the same quiz answered
 * in a second tab), and returns what was stored.
 */
export async function saveQuiz(row: QuizRow, now = Date.now()): Promise<QuizRow> {
	const db = getDb();
	return db.transaction('rw', db.quizzes, async () => {
		const stored = await db.quizzes.get(row.id);
		const merged = stored ? mergeQuizRows(stored, row, now) : row;
		await db.quizzes.put(merged);
		return merged;
	});
}

/** One quiz saved from two copies: every card's first answer, in the order asked; finished once all are. */
export function mergeQuizRows(stored: QuizRow, row: QuizRow, now: number): QuizRow {
	const byCard = new Map(stored.answers.map((a) => [a.cardId, a]));
	for (const a of row.answers) if (!byCard.has(a.cardId)) byCard.set(a.cardId, a);
	const answers = row.cardIds.flatMap((id) => byCard.get(id) ?? []);
	if (answers.length === row.answers.length && answers.every((a, i) => a === row.answers[i])) return row;
	const complete = answers.length === row.cardIds.length;
	return {
		...row,
		answers,
		score: answers.filter((a) => a.correct).length,
		finishedAt: row.finishedAt ?? stored.finishedAt ?? (complete ? now : null)
	};
}

export async function getQuiz(id: string): Promise<QuizRow | undefined> {
	return getDb().quizzes.get(id);
}

/** Quizzes under way, newest first. (IndexedDB does not index null, so these are found by scanning.) */
export async function unfinishedQuizzes(): Promise<QuizRow[]> {
	const rows = await getDb()
		.quizzes.filter((q) => q.finishedAt === null)
		.toArray();
	return rows.sort((a, b) => b.startedAt - a.startedAt);
}

/** The newest quiz under way in a scope, if any. */
export async function unfinishedQuizOf(scope: string): Promise<QuizRow | undefined> {
	const rows = await getDb()
		.quizzes.where('scope')
		.equals(scope)
		.filter((q) => q.finishedAt === null)
		.toArray();
	return rows.sort((a, b) => b.startedAt - a.startedAt)[0];
}

/** Finished quizzes, most recently finished first (those under way, finishedAt null, are not in the index). */
export async function finishedQuizzes(): Promise<QuizRow[]> {
	return getDb().quizzes.orderBy('finishedAt').reverse().toArray();
}

/** Deletes a quiz under way. A finished quiz is history and is kept: returns false and changes nothing. */
export async function abandonQuiz(id: string): Promise<boolean> {
	const db = getDb();
	return db.transaction('rw', db.quizzes, async () => {
		const row = await db.quizzes.get(id);
		if (!row || row.finishedAt !== null) return false;
		await db.quizzes.delete(id);
		return true;
	});
}
