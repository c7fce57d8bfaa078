import { describe, expect, it } from 'vitest';
import { loadDeck } from '../../deck-compiler/load.ts';
import {
	buildQuestions,
	expectedAnswer,
	firstUnanswered,
	formsOf,
	gradeAnswer,
	pickCards,
	type Question,
	type Response
} from './questions.ts';
import { quizScopes } from './scope.ts';
import { makeCard, makeCards } from '../../../tests/unit/cards.ts';

const ids = (cards: { id: string }[]) => cards.map((c) => c.id);

describe('picking the cards of a quiz', () => {
	const cards = makeCards(25);

	it('asks as many as the length, each card once', () => {
		for (const length of [5, 10, 25]) {
			const picked = pickCards(cards, length, 1);
			expect(picked).toHaveLength(length);
			expect(new Set(ids(picked)).size).toBe(length);
			for (const c of picked) expect(cards).toContain(c);
		}
	});

	it('uses every card once when the scope has fewer cards than the length', () => {
		const picked = pickCards(cards.slice(0, 3), 10, 5);
		expect([...ids(picked)].sort()).toEqual(['card-1', 'card-2', 'card-3']);
	});

	it('never repeats a card even when the scope lists one twice', () => {
		const picked = pickCards([...cards.slice(0, 4), cards[0]!, cards[1]!], 10, 9);
		expect(picked).toHaveLength(4);
		expect(new Set(ids(picked)).size).toBe(4);
	});

	it('picks the same cards in the same order for the same seed, and another order for another', () => {
		expect(ids(pickCards(cards, 10, 42))).toEqual(ids(pickCards(cards, 10, 42)));
		expect(ids(pickCards(cards, 10, 42))).not.toEqual(ids(pickCards(cards, 10, 43)));
	});

	it('gives nothing for an empty scope', () => {
		expect(pickCards([], 10, 1)).toEqual([]);
	});
});

describe('the form of each question', () => {
	it('offers true/false only with a true/false form and typing only with accepted answers', () => {
		expect(formsOf(makeCard(1))).toEqual(['choice', 'truefalse', 'typed']);
		expect(formsOf(makeCard(1, { truefalse: undefined }))).toEqual(['choice', 'typed']);
		expect(formsOf(makeCard(1, { accept: [] }))).toEqual(['choice', 'truefalse']);
		expect(formsOf(makeCard(1, { accept: [], truefalse: undefined }))).toEqual(['choice']);
	});

	it('asks each card in a form it has, and mixes the forms within a quiz', () => {
		const cards = makeCards(30, (n) => ({
			truefalse: n % 3 === 0 ? undefined : makeCard(n).truefalse,
			accept: n % 4 === 0 ? [] : [`Answer ${n}`]
		}));
		for (const seed of [1, 2, 3, 99]) {
			const questions = buildQuestions(cards, seed);
			expect(ids(questions.map((q) => q.card))).toEqual(ids(cards));
			for (const q of questions) expect(formsOf(q.card)).toContain(q.form);
			const counts = { choice: 0, truefalse: 0, typed: 0 };
			for (const q of questions) counts[q.form]++;
			for (const n of Object.values(counts)) expect(n).toBeGreaterThanOrEqual(6);
		}
		// Cards that allow only multiple choice get multiple choice.
		const plain = makeCards(5, () => ({ accept: [], truefalse: undefined }));
		expect(buildQuestions(plain, 1).every((q) => q.form === 'choice')).toBe(true);
	});

	it('mixes all three forms even in a short quiz', () => {
		for (let seed = 0; seed < 20; seed++) {
			expect(new Set(buildQuestions(makeCards(3), seed).map((q) => q.form)).size).toBe(3);
		}
	});

	it('shows the answer among the wrong choices, shuffled by the seed', () => {
		const cards = makeCards(20, () => ({ accept: [], truefalse: undefined }));
		const orders = new Set<string>();
		for (const q of buildQuestions(cards, 3)) {
			if (q.form !== 'choice') throw new Error('expected multiple choice');
			expect([...q.choices].sort()).toEqual([q.card.answer, ...q.card.choices].sort());
			orders.add(String(q.choices.indexOf(q.card.answer)));
		}
		expect(orders.size).toBeGreaterThan(1);
		expect(buildQuestions(cards, 3)).toEqual(buildQuestions(cards, 3));
	});

	it('states the true or the false statement at random', () => {
		const cards = makeCards(30, () => ({ accept: [] }));
		const shown = buildQuestions(cards, 11).flatMap((q) => (q.form === 'truefalse' ? [q] : []));
		expect(shown.length).toBeGreaterThan(5);
		for (const q of shown) {
			expect(q.statement).toBe(q.statementIsTrue ? q.card.truefalse!.right : q.card.truefalse!.wrong);
		}
		expect(new Set(shown.map((q) => q.statementIsTrue)).size).toBe(2);
	});
});

describe('grading an answer', () => {
	const card = makeCard(7, { answer: 'Ashgabat', accept: ['Ashgabat', 'Ashkhabad'] });
	const choice: Question = { form: 'choice', card, choices: [card.answer, ...card.choices] };
	const truefalse: Question = {
		form: 'truefalse',
		card,
		statement: card.truefalse!.wrong,
		statementIsTrue: false
	};
	const typed: Question = { form: 'typed', card };

	it('marks multiple choice by the choice made', () => {
		expect(gradeAnswer(choice, { form: 'choice', choice: 'Ashgabat' })).toMatchObject({
			cardId: 'card-7',
			form: 'choice',
			given: 'Ashgabat',
			correct: true
		});
		expect(gradeAnswer(choice, { form: 'choice', choice: 'Wrong 7a' }).correct).toBe(false);
	});

	it('marks true/false against the statement shown', () => {
		expect(gradeAnswer(truefalse, { form: 'truefalse', value: false })).toMatchObject({
			given: 'False',
			correct: true
		});
		expect(gradeAnswer(truefalse, { form: 'truefalse', value: true }).correct).toBe(false);
		expect(expectedAnswer(truefalse)).toBe('False');
	});

	it('marks typed answers tolerantly, keeps what was typed, and flags near misses', () => {
		expect(gradeAnswer(typed, { form: 'typed', text: '  ashkhabad ' })).toMatchObject({
			given: 'ashkhabad',
			correct: true,
			nearly: false
		});
		expect(gradeAnswer(typed, { form: 'typed', text: 'Ashgabad' })).toMatchObject({
			correct: true,
			nearly: true
		});
		expect(gradeAnswer(typed, { form: 'typed', text: '' })).toMatchObject({ given: '', correct: false });
		expect(gradeAnswer(typed, { form: 'typed', text: 'x'.repeat(5000) }).given).toHaveLength(200);
	});

	it('marks a typed answer the card rejects as wrong, with no near miss', () => {
		const strict: Question = { form: 'typed', card: { ...card, reject: ['Ashgabad'] } };
		expect(gradeAnswer(strict, { form: 'typed', text: 'Ashgabad' })).toMatchObject({
			correct: false,
			nearly: false
		});
		expect(gradeAnswer(strict, { form: 'typed', text: 'Ashgabat' }).correct).toBe(true);
	});

	it('refuses an answer of the wrong form', () => {
		const wrongForm: Response = { form: 'truefalse', value: true };
		expect(() => gradeAnswer(choice, wrongForm)).toThrow(/truefalse answer/);
	});

	it('finds the first question still to answer', () => {
		const questions = buildQuestions(makeCards(3), 1);
		expect(firstUnanswered(questions, [])).toBe(questions[0]);
		expect(firstUnanswered(questions, [{ cardId: questions[0]!.card.id }])).toBe(questions[1]);
		expect(
			firstUnanswered(
				questions,
				questions.map((q) => ({ cardId: q.card.id }))
			)
		).toBeNull();
	});
});

describe('quizzes of the real deck', () => {
	const deck = loadDeck(process.cwd());
	const scopes = quizScopes(deck);

	it('has a scope for mixed, every topic and every document', () => {
		expect(scopes.map((s) => s.id)).toEqual([
			'mixed',
			...deck.topics.map((t) => t.id),
			...deck.documents.map((d) => d.id)
		]);
		expect(scopes[0]!.cards).toHaveLength(deck.cards.length);
	});

	it('builds a sound quiz of every length in every scope', () => {
		for (const scope of scopes) {
			for (const length of [5, 10, 30]) {
				const questions = buildQuestions(pickCards(scope.cards, length, 2024), 2024);
				expect(questions).toHaveLength(Math.min(length, scope.cards.length));
				expect(new Set(questions.map((q) => q.card.id)).size).toBe(questions.length);
				for (const q of questions) {
					expect(scope.cards).toContain(q.card);
					expect(formsOf(q.card)).toContain(q.form);
					if (q.form === 'choice') {
						expect(q.choices).toHaveLength(4);
						expect(q.choices).toContain(q.card.answer);
					}
					// The expected answer of every question grades as right.
					const response: Response =
						q.form === 'choice'
							? { form: 'choice', choice: q.card.answer }
							: q.form === 'truefalse'
								? { form: 'truefalse', value: q.statementIsTrue }
								: { form: 'typed', text: q.card.answer };
					expect(gradeAnswer(q, response)).toMatchObject({ correct: true, nearly: false });
				}
			}
		}
	});

	it('grades every accepted spelling right and every wrong choice wrong when typed', () => {
		for (const card of deck.cards.filter((c) => c.accept.length > 0)) {
			const q: Question = { form: 'typed', card };
			for (const a of card.accept) expect(gradeAnswer(q, { form: 'typed', text: a }).correct).toBe(true);
			for (const w of card.choices) expect(gradeAnswer(q, { form: 'typed', text: w }).correct).toBe(false);
		}
	});
});
