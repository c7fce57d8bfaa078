import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { StudyDatabase, useDatabase } from '$lib/db/index.ts';
import { getQuiz } from '$lib/db/quizzes.ts';
import type { QuizRow } from '$lib/model.ts';
import type { Question, Response } from '$lib/quiz/questions.ts';
import type { QuizScope } from '$lib/quiz/scope.ts';
import { makeCards } from '../../../../tests/unit/cards.ts';
import { QuizScreen, type QuizScreenDeps } from './quiz-screen.svelte.ts';
import type { QuizSession } from './quiz-session.svelte.ts';

const cards = makeCards(12);
const cardById = new Map(cards.map((c) => [c.id, c]));
const scope: QuizScope = { id: 'topic', kind: 'topic', title: 'A topic', cards };

let db: StudyDatabase;
let addresses: string[];
let addedToReview: string[][];
/** Quiz ids and clock ticks, shared by every screen of a test (as one browser's would be). */
let n: number;

// The screen writes through db/ (fake-indexeddb here); a test may stand in for a write to make it fail,
// and Add to review is recorded rather than written.
interface Writes {
	saveQuiz(row: QuizRow): Promise<void>;
	addCardsToReview(cardIds: string[]): Promise<void>;
}
const writes = vi.hoisted(() => ({ current: null as Partial<Writes> | null }));
vi.mock('$lib/db/quizzes.ts', async (importOriginal) => {
	const original = await importOriginal<typeof import('$lib/db/quizzes.ts')>();
	return {
		...original,
		saveQuiz: (row: QuizRow) => (writes.current?.saveQuiz ?? original.saveQuiz)(row)
	};
});
vi.mock('$lib/db/reviews.ts', async (importOriginal) => ({
	...(await importOriginal<typeof import('$lib/db/reviews.ts')>()),
	addCardsToReview: (ids: string[]) => writes.current!.addCardsToReview!(ids)
}));

function screen({
	saveQuiz: save,
	addCardsToReview: add,
	...over
}: Partial<QuizScreenDeps & Writes> = {}): QuizScreen {
	writes.current = {
		saveQuiz: save,
		addCardsToReview:
			add ??
			(async (ids) => {
				addedToReview.push(ids);
			})
	};
	return new QuizScreen({
		cardById,
		showInAddress: (s, id) => addresses.push(`/quiz/${s}?quiz=${id}`),
		now: () => 1_000_000 + n * 1000,
		newId: () => `quiz-${++n}`,
		newSeed: () => 777,
		...over
	});
}

function sessionOf(s: QuizScreen): QuizSession {
	if (s.view.status !== 'ready') throw new Error(`not ready: ${JSON.stringify(s.view)}`);
	return s.view.session;
}

function rightResponse(q: Question): Response {
	if (q.form === 'choice') return { form: 'choice', choice: q.card.answer };
	if (q.form === 'truefalse') return { form: 'truefalse', value: q.statementIsTrue };
	return { form: 'typed', text: q.card.answer };
}

function wrongResponse(q: Question): Response {
	if (q.form === 'choice') return { form: 'choice', choice: q.card.choices[0]! };
	if (q.form === 'truefalse') return { form: 'truefalse', value: !q.statementIsTrue };
	return { form: 'typed', text: 'no idea' };
}

/** Answers the questions on screen, wrongly where `wrong` says so, going Next after each. */
async function answer(session: QuizSession, count: number, wrong: (i: number) => boolean = () => false) {
	for (let i = 0; i < count; i++) {
		const q = session.question!;
		expect(session.phase).toBe('question');
		await session.answer(wrong(i) ? wrongResponse(q) : rightResponse(q));
		expect(session.phase).toBe('feedback');
		session.next();
	}
}

beforeEach(() => {
	db = new StudyDatabase('test-' + crypto.randomUUID());
	useDatabase(db);
	addresses = [];
	addedToReview = [];
	n = 0;
});

describe('opening a quiz', () => {
	it('starts a new quiz of the asked length, stores it at once and puts it in the address', async () => {
		const s = screen();
		await s.open(scope, new URLSearchParams('length=5&seed=42'));
		const session = sessionOf(s);
		expect(session.total).toBe(5);
		expect(session.phase).toBe('question');
		expect(session.position).toBe(1);
		expect(await db.quizzes.count()).toBe(1);
		const stored = (await getQuiz('quiz-1'))!;
		expect(stored).toMatchObject({ scope: 'topic', seed: 42, finishedAt: null, answers: [], score: 0 });
		expect(stored.cardIds).toHaveLength(5);
		expect(addresses).toEqual(['/quiz/topic?quiz=quiz-1']);
	});

	it('asks the same quiz for the same seed', async () => {
		const a = screen();
		await a.open(scope, new URLSearchParams('seed=9'));
		await db.quizzes.clear();
		const b = screen();
		await b.open(scope, new URLSearchParams('seed=9'));
		expect(sessionOf(b).questions).toEqual(sessionOf(a).questions);
	});

	it('refuses bad input with a message and stores nothing', async () => {
		for (const query of ['length=100', 'length=abc', 'seed=-3', 'quiz=%3Cb%3E']) {
			const s = screen();
			await s.open(scope, new URLSearchParams(query));
			expect(s.view.status).toBe('problem');
		}
		const s = screen();
		await s.open(scope, new URLSearchParams('quiz=no-such-quiz'));
		expect(s.view).toEqual({ status: 'problem', messages: [expect.stringMatching(/no-such-quiz/)] });
		const empty = screen();
		await empty.open({ ...scope, cards: [] }, new URLSearchParams());
		expect(empty.view).toEqual({ status: 'problem', messages: [expect.stringMatching(/no cards/)] });
		expect(await db.quizzes.count()).toBe(0);
		expect(addresses).toEqual([]);
	});
});

describe('taking a quiz', () => {
	it('saves after every answer, and resumes where it was left with the same questions', async () => {
		const s = screen();
		await s.open(scope, new URLSearchParams('length=6&seed=5'));
		const first = sessionOf(s);
		await answer(first, 2, (i) => i === 1);
		const stored = (await getQuiz('quiz-1'))!;
		expect(stored.answers.map((a) => a.correct)).toEqual([true, false]);
		expect(stored).toMatchObject({ finishedAt: null, score: 1 });

		// A reload: the address names the quiz.
		const again = screen();
		await again.open(scope, new URLSearchParams('quiz=quiz-1'));
		const resumed = sessionOf(again);
		expect(again.view).toMatchObject({ resumed: true });
		expect(resumed.questions).toEqual(first.questions);
		expect(resumed.position).toBe(3);
		expect(resumed.question).toBe(resumed.questions[2]);

		// Opening the scope without a quiz id comes back to the quiz under way too.
		const viaScope = screen();
		await viaScope.open(scope, new URLSearchParams());
		expect(sessionOf(viaScope).row.id).toBe('quiz-1');
		expect(await db.quizzes.count()).toBe(1);
	});

	it('takes up the answers given to the same quiz in another tab', async () => {
		const tabOne = screen();
		await tabOne.open(scope, new URLSearchParams('length=5&seed=4'));
		const tabTwo = screen();
		await tabTwo.open(scope, new URLSearchParams('quiz=quiz-1'));
		const one = sessionOf(tabOne);
		const two = sessionOf(tabTwo);
		await answer(one, 2);
		// Tab two still shows the first question; answering it there keeps tab one's answers.
		await two.answer(wrongResponse(two.question!));
		two.next();
		expect(two.row.answers).toHaveLength(2);
		expect(two.position).toBe(3);
		const stored = (await getQuiz('quiz-1'))!;
		expect(stored.answers.map((a) => a.correct)).toEqual([true, true]);
	});

	it('ignores a second answer to the same question', async () => {
		const s = screen();
		await s.open(scope, new URLSearchParams('length=5&seed=1'));
		const session = sessionOf(s);
		const q = session.question!;
		await session.answer(rightResponse(q));
		await session.answer(wrongResponse(q));
		expect(session.row.answers).toHaveLength(1);
		expect(session.row.answers[0]!.correct).toBe(true);
	});

	it('finishes with the score after the last answer, keeps it, and never touches the review schedule', async () => {
		const s = screen();
		await s.open(scope, new URLSearchParams('length=5&seed=3'));
		const session = sessionOf(s);
		await answer(session, 5, (i) => i === 0 || i === 3);
		expect(session.phase).toBe('results');
		expect(session.score).toEqual({ score: 3, total: 5 });
		const stored = (await getQuiz('quiz-1'))!;
		expect(stored.finishedAt).not.toBeNull();
		expect(stored.score).toBe(3);
		expect(await db.reviews.count()).toBe(0);
		expect(await db.cardStates.count()).toBe(0);

		const reopened = screen();
		await reopened.open(scope, new URLSearchParams('quiz=quiz-1'));
		expect(sessionOf(reopened).phase).toBe('results');
		expect(reopened.view).toMatchObject({ resumed: false });
	});

	it('tells the learner when an answer could not be saved', async () => {
		let failing = false;
		const s = screen({
			saveQuiz: async (row) => {
				if (failing) throw new Error('disk full');
				const stored = await vi.importActual<typeof import('$lib/db/quizzes.ts')>('$lib/db/quizzes.ts');
				await stored.saveQuiz(row);
			}
		});
		await s.open(scope, new URLSearchParams('length=5'));
		failing = true;
		const session = sessionOf(s);
		await session.answer(rightResponse(session.question!));
		expect(session.saveError).toMatch(/disk full/);
	});
});

describe('after a quiz', () => {
	async function finished(wrong: (i: number) => boolean) {
		const s = screen();
		await s.open(scope, new URLSearchParams('length=5&seed=8'));
		const session = sessionOf(s);
		await answer(session, 5, wrong);
		return { s, session };
	}

	it('retries the mistakes as a new quiz that does not count towards best scores', async () => {
		const { s, session } = await finished((i) => i === 1 || i === 4);
		const missed = [session.questions[1]!.card.id, session.questions[4]!.card.id];
		await s.retryMistakes();
		const retry = sessionOf(s);
		expect(retry.row.id).toBe('quiz-2');
		expect([...retry.row.cardIds].sort()).toEqual([...missed].sort());
		expect(retry.row).toMatchObject({ retryOf: 'quiz-1', scope: 'topic', finishedAt: null });
		expect(await getQuiz('quiz-2')).toBeDefined();
		expect(addresses.at(-1)).toBe('/quiz/topic?quiz=quiz-2');
	});

	it('adds the missed cards to the review', async () => {
		const { s, session } = await finished((i) => i === 2);
		await s.addMissedToReview();
		expect(addedToReview).toEqual([[session.questions[2]!.card.id]]);
		expect(s.review).toEqual({ status: 'added', count: 1 });
	});

	it('says so when the review cannot take the cards', async () => {
		const s = screen({
			addCardsToReview: async () => {
				throw new Error('not yet');
			}
		});
		await s.open(scope, new URLSearchParams('length=5'));
		await answer(sessionOf(s), 5, () => true);
		await s.addMissedToReview();
		expect(s.review).toEqual({ status: 'failed', message: 'not yet' });
	});

	it('starts over: abandons the quiz under way and starts a new one of the same length', async () => {
		const s = screen();
		await s.open(scope, new URLSearchParams('length=6'));
		await answer(sessionOf(s), 2);
		// Back later through the address of the quiz, which does not give the length.
		const later = screen();
		await later.open(scope, new URLSearchParams('quiz=quiz-1'));
		await later.startOver();
		const fresh = sessionOf(later);
		expect(fresh.row.answers).toEqual([]);
		expect(fresh.row.cardIds).toHaveLength(6);
		expect(await getQuiz('quiz-1')).toBeUndefined();
		expect(await db.quizzes.count()).toBe(1);
	});

	it('resumes the quiz under way even when the address asks for another length, until told to start over', async () => {
		const s = screen();
		await s.open(scope, new URLSearchParams('length=10'));
		await answer(sessionOf(s), 1);
		const again = screen();
		await again.open(scope, new URLSearchParams('length=5'));
		expect(sessionOf(again).row.id).toBe('quiz-1');
		expect(again.view).toMatchObject({ resumed: true });
		await again.startOver();
		expect(sessionOf(again).row.cardIds).toHaveLength(5);
	});
});
