// One quiz being taken: its questions, the answer just given, and the stored row kept in step.
import { errorText } from '$lib/errors.ts';
import type { Card, QuizAnswerRow, QuizRow } from '$lib/model.ts';
import {
	buildQuestions,
	firstUnanswered,
	gradeAnswer,
	type Question,
	type Response
} from '$lib/quiz/questions.ts';
import { scoreOf, type Score } from '$lib/quiz/score.ts';

export type QuizPhase = 'question' | 'feedback' | 'results';

export interface Feedback {
	question: Question;
	answer: QuizAnswerRow;
}

export class QuizSession {
	/** The stored row, replaced whole on every answer (so it is never a proxy when Dexie clones it). */
	#row: QuizRow;
	/** The answer just given, shown until Next. */
	#feedback = $state.raw<Feedback | null>(null);
	#saveError = $state<string | null>(null);
	/** Saves run one after another, so an older row never overwrites a newer one. */
	#saving: Promise<void> = Promise.resolve();
	readonly #save: (row: QuizRow) => Promise<QuizRow | void>;
	readonly #now: () => number;

	/** Fixed for the quiz: rebuilt from its cards and seed, so a resumed quiz asks exactly the same. */
	readonly questions: readonly Question[];

	readonly #current = $derived.by(() => firstUnanswered(this.questions, this.#row.answers));

	constructor(
		row: QuizRow,
		cardById: ReadonlyMap<string, Card>,
		/** Stores the row; may return the row as stored, when another tab had added to it. */
		save: (row: QuizRow) => Promise<QuizRow | void>,
		now: () => number = Date.now
	) {
		this.#row = $state.raw(row);
		this.#save = save;
		this.#now = now;
		// A card dropped from the deck since the quiz began can no longer be asked; it is skipped.
		const cards = row.cardIds.flatMap((id) => cardById.get(id) ?? []);
		this.questions = buildQuestions(cards, row.seed);
	}

	get row(): QuizRow {
		return this.#row;
	}

	get phase(): QuizPhase {
		if (this.#feedback) return 'feedback';
		return this.#current ? 'question' : 'results';
	}

	/** The question on screen: the one being answered, or the one just answered. */
	get question(): Question | null {
		return this.#feedback?.question ?? this.#current;
	}

	get feedback(): Feedback | null {
		return this.#feedback;
	}

	/** 1-based position of the question on screen. */
	get position(): number {
		const q = this.question;
		return q ? this.questions.indexOf(q) + 1 : this.questions.length;
	}

	get total(): number {
		return this.questions.length;
	}

	get isLast(): boolean {
		return this.position === this.questions.length;
	}

	get score(): Score {
		return scoreOf(this.#row);
	}

	get saveError(): string | null {
		return this.#saveError;
	}

	answerOf(question: Question): QuizAnswerRow | undefined {
		return this.#row.answers.find((a) => a.cardId === question.card.id);
	}

	/** Grades and records an answer to the current question, then saves the quiz (finished after the last). */
	answer(response: Response): Promise<void> {
		const question = this.#current;
		if (this.#feedback || !question) return this.#saving;
		const { nearly, ...graded } = gradeAnswer(question, response);
		const answer: QuizAnswerRow = nearly ? { ...graded, nearly } : graded;
		const answers = [...this.#row.answers, answer];
		const done = firstUnanswered(this.questions, answers) === null;
		const row: QuizRow = {
			...this.#row,
			answers,
			score: answers.filter((a) => a.correct).length,
			finishedAt: done ? this.#now() : null
		};
		this.#row = row;
		this.#feedback = { question, answer };
		return this.#persist(row);
	}

	/** Leaves the answer just given for the next question, or the results after the last. */
	next(): void {
		this.#feedback = null;
	}

	#persist(row: QuizRow): Promise<void> {
		this.#saving = this.#saving
			.then(() => this.#save(row))
			.then((stored) => {
				this.#saveError = null;
				// Answers given in another tab to the same quiz: take them, unless this tab has moved on.
				if (stored && stored !== row && this.#row === row) this.#row = stored;
			})
			.catch((e: unknown) => {
				this.#saveError = `Your answers could not be saved in this browser (${errorText(e)}); they will be lost on reload.`;
			});
		return this.#saving;
	}
}
