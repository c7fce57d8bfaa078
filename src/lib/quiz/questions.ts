// Building a quiz from cards, and grading one answer. Pure: the same cards and seed give the same quiz.
import type { Card } from '../model.ts';
import { deriveSeed, mulberry32, randomIndex, shuffle } from './random.ts';
import { cleanTyped, gradeTyped } from './typed-answer.ts';

export type QuizForm = 'choice' | 'truefalse' | 'typed';

export type Question =
	| { form: 'choice'; card: Card; /** The answer among the wrong choices, shuffled. */ choices: string[] }
	| { form: 'truefalse'; card: Card; statement: string; statementIsTrue: boolean }
	| { form: 'typed'; card: Card };

export type Response =
	| { form: 'choice'; choice: string }
	| { form: 'truefalse'; value: boolean }
	| { form: 'typed'; text: string };

export interface GradedAnswer {
	cardId: string;
	form: QuizForm;
	/** What the learner answered, as shown to them. */
	given: string;
	correct: boolean;
	/** Right apart from a small typo (typed answers only); counts as right. */
	nearly: boolean;
}

/** The forms a card can be asked in: multiple choice always, the others when the card has what they need. */
export function formsOf(card: Card): QuizForm[] {
	const forms: QuizForm[] = ['choice'];
	if (card.truefalse) forms.push('truefalse');
	if (card.accept.length > 0) forms.push('typed');
	return forms;
}

/** The cards a quiz asks, in order: `length` of them at random, or all when the scope has fewer. */
export function pickCards(cards: readonly Card[], length: number, seed: number): Card[] {
	const unique = [...new Map(cards.map((c) => [c.id, c])).values()];
	return shuffle(unique, mulberry32(seed)).slice(0, Math.max(0, length));
}

/**
 * One question per card, in the cards' order. Each card takes one of its forms, preferring the forms
 * used least so far, so that a quiz mixes them. Draws from its own stream of the seed, so the questions
 * depend only on the seed and the cards asked (what a stored quiz keeps).
 */
export function buildQuestions(cards: readonly Card[], seed: number): Question[] {
	const random = mulberry32(deriveSeed(seed, 0x51ed270b));
	const used: Record<QuizForm, number> = { choice: 0, truefalse: 0, typed: 0 };
	return cards.map((card): Question => {
		const forms = formsOf(card);
		const fewest = Math.min(...forms.map((f) => used[f]));
		const candidates = forms.filter((f) => used[f] === fewest);
		const form = candidates[randomIndex(random, candidates.length)]!;
		used[form]++;
		if (form === 'truefalse' && card.truefalse) {
			const statementIsTrue = random() < 0.5;
			return {
				form,
				card,
				statement: statementIsTrue ? card.truefalse.right : card.truefalse.wrong,
				statementIsTrue
			};
		}
		if (form === 'typed') return { form, card };
		return { form: 'choice', card, choices: shuffle([card.answer, ...card.choices], random) };
	});
}

export function gradeAnswer(question: Question, response: Response): GradedAnswer {
	const base = { cardId: question.card.id, form: question.form, nearly: false };
	if (question.form === 'choice' && response.form === 'choice') {
		return { ...base, given: response.choice, correct: response.choice === question.card.answer };
	}
	if (question.form === 'truefalse' && response.form === 'truefalse') {
		return {
			...base,
			given: response.value ? 'True' : 'False',
			correct: response.value === question.statementIsTrue
		};
	}
	if (question.form === 'typed' && response.form === 'typed') {
		const given = cleanTyped(response.text);
		const { verdict } = gradeTyped(given, question.card.accept, question.card.choices, question.card.reject);
		return { ...base, given, correct: verdict !== 'wrong', nearly: verdict === 'nearly' };
	}
	throw new Error(`A ${response.form} answer was given to a ${question.form} question.`);
}

/** The right answer to a question, as the learner would give it. */
export function expectedAnswer(question: Question): string {
	if (question.form === 'truefalse') return question.statementIsTrue ? 'True' : 'False';
	return question.card.answer;
}

/** What a question asks, in one line (for the results list). */
export function promptOf(question: Question): string {
	return question.form === 'truefalse' ? `True or false: ${question.statement}` : question.card.question;
}

/** The first question without an answer; null once every question is answered. */
export function firstUnanswered(
	questions: readonly Question[],
	answers: readonly { cardId: string }[]
): Question | null {
	const answered = new Set(answers.map((a) => a.cardId));
	return questions.find((q) => !answered.has(q.card.id)) ?? null;
}
