// The quiz screen: opens the quiz the address asks for (a new one, one under way, or a finished one),
// and starts the next one (start over, retry mistakes). Reads and writes through db/; the address, the clock and
// new ids are injected.
import { abandonQuiz, getQuiz, saveQuiz, unfinishedQuizOf } from '$lib/db/quizzes.ts';
import { addCardsToReview } from '$lib/db/reviews.ts';
import { errorText } from '$lib/errors.ts';
import type { Card, QuizRow } from '$lib/model.ts';
import { clampLength, DEFAULT_LENGTH, parseQuizParams, type QuizRequest } from '$lib/quiz/params.ts';
import { pickCards } from '$lib/quiz/questions.ts';
import { deriveSeed, MAX_SEED } from '$lib/quiz/random.ts';
import type { QuizScope } from '$lib/quiz/scope.ts';
import { missedCardIds } from '$lib/quiz/score.ts';
import { QuizSession } from './quiz-session.svelte.ts';

/** What the screen is given: the deck's cards, and the edges of the browser (address, clock, ids). */
export interface QuizScreenDeps {
	cardById: ReadonlyMap<string, Card>;
	/** Puts the quiz shown into the address, so a reload comes back to it. */
	showInAddress(scope: string, quizId: string): void;
	now?: () => number;
	newId?: () => string;
	newSeed?: () => number;
}

export type QuizView =
	| { status: 'loading' }
	| { status: 'problem'; messages: string[] }
	| {
			status: 'ready';
			session: QuizSession;
			/** Opened as it was left, rather than started now. */ resumed: boolean;
	  };

export type ReviewStatus =
	| { status: 'idle' }
	| { status: 'adding' }
	| { status: 'added'; count: number }
	| { status: 'failed'; message: string };

const RETRY_SALT = 0x7e7a11;

function randomSeed(): number {
	return crypto.getRandomValues(new Uint32Array(1))[0]! % (MAX_SEED + 1);
}

export class QuizScreen {
	#view = $state.raw<QuizView>({ status: 'loading' });
	#review = $state.raw<ReviewStatus>({ status: 'idle' });
	#scope: QuizScope | null = null;
	#request: QuizRequest | null = null;
	/** Each open() or start bumps this; a slower earlier one then leaves the screen alone. */
	#generation = 0;
	readonly #deps: Required<QuizScreenDeps>;

	constructor(deps: QuizScreenDeps) {
		this.#deps = {
			now: Date.now,
			newId: () => crypto.randomUUID(),
			newSeed: randomSeed,
			...deps
		};
	}

	get view(): QuizView {
		return this.#view;
	}

	get review(): ReviewStatus {
		return this.#review;
	}

	/** Shows what the address asks for. Bad input is refused with a message and stores nothing. */
	async open(scope: QuizScope, params: URLSearchParams): Promise<void> {
		const generation = ++this.#generation;
		this.#scope = scope;
		this.#request = null;
		this.#view = { status: 'loading' };
		this.#review = { status: 'idle' };

		const parsed = parseQuizParams(params);
		if (!parsed.ok) return this.#problem(generation, parsed.errors);
		const request = (this.#request = parsed.request);
		if (scope.cards.length === 0) {
			return this.#problem(generation, [
				`There are no cards in “${scope.title}” yet, so there is nothing to ask.`
			]);
		}

		try {
			if (request.quizId) {
				const row = await getQuiz(request.quizId);
				if (!row || row.scope !== scope.id) {
					return this.#problem(generation, [
						`No quiz “${request.quizId}” on “${scope.title}” is stored in this browser.`
					]);
				}
				return this.#ready(generation, row, row.finishedAt === null);
			}
			const underWay = await unfinishedQuizOf(scope.id);
			if (underWay) return this.#ready(generation, underWay, true);
			const seed = request.seed ?? this.#deps.newSeed();
			await this.#start(generation, pickCards(scope.cards, request.length ?? DEFAULT_LENGTH, seed), { seed });
		} catch (e) {
			this.#problem(generation, [`The quiz could not be opened: ${errorText(e)}.`]);
		}
	}

	/** Abandons the quiz under way and starts a fresh one in the same scope. */
	async startOver(): Promise<void> {
		const view = this.#view;
		const scope = this.#scope;
		if (view.status !== 'ready' || !scope) return;
		const generation = ++this.#generation;
		try {
			if (view.session.row.finishedAt === null) await abandonQuiz(view.session.row.id);
			const row = view.session.row;
			// The length asked for in the address, else the length of the quiz left (a retry's is its own).
			const length =
				this.#request?.length ?? (row.retryOf ? DEFAULT_LENGTH : clampLength(row.cardIds.length));
			const seed = this.#request?.seed ?? this.#deps.newSeed();
			await this.#start(generation, pickCards(scope.cards, length, seed), { seed });
		} catch (e) {
			this.#problem(generation, [`A new quiz could not be started: ${errorText(e)}.`]);
		}
	}

	/** A new quiz of the questions answered wrongly, in a new order. It does not count towards best scores. */
	async retryMistakes(): Promise<void> {
		const view = this.#view;
		if (view.status !== 'ready' || view.session.phase !== 'results') return;
		const row = view.session.row;
		const missed = missedCardIds(row.answers).flatMap((id) => this.#deps.cardById.get(id) ?? []);
		if (missed.length === 0) return;
		const generation = ++this.#generation;
		const seed = deriveSeed(row.seed, RETRY_SALT);
		try {
			await this.#start(generation, pickCards(missed, missed.length, seed), { seed, retryOf: row.id });
		} catch (e) {
			this.#problem(generation, [`The mistakes could not be asked again: ${errorText(e)}.`]);
		}
	}

	/** Makes the missed cards due today in the daily review. */
	async addMissedToReview(): Promise<void> {
		const view = this.#view;
		if (view.status !== 'ready' || this.#review.status === 'adding') return;
		const missed = missedCardIds(view.session.row.answers);
		if (missed.length === 0) return;
		this.#review = { status: 'adding' };
		try {
			await addCardsToReview(missed);
			if (this.#view === view) this.#review = { status: 'added', count: missed.length };
		} catch (e) {
			if (this.#view === view) this.#review = { status: 'failed', message: errorText(e) };
		}
	}

	async #start(
		generation: number,
		cards: Card[],
		{ seed, retryOf }: { seed: number; retryOf?: string }
	): Promise<void> {
		const scope = this.#scope!;
		const row: QuizRow = {
			id: this.#deps.newId(),
			scope: scope.id,
			// The seed that picked the cards also orders the choices.
			seed,
			startedAt: this.#deps.now(),
			finishedAt: null,
			cardIds: cards.map((c) => c.id),
			answers: [],
			score: 0,
			...(retryOf ? { retryOf } : {})
		};
		// Stored before the first answer, so that a reload straight away comes back to this quiz.
		await saveQuiz(row);
		this.#ready(generation, row, false);
	}

	#ready(generation: number, row: QuizRow, resumed: boolean): void {
		if (generation !== this.#generation) return;
		this.#review = { status: 'idle' };
		this.#view = {
			status: 'ready',
			session: new QuizSession(row, this.#deps.cardById, saveQuiz, this.#deps.now),
			resumed
		};
		this.#deps.showInAddress(row.scope, row.id);
	}

	#problem(generation: number, messages: string[]): void {
		if (generation === this.#generation) this.#view = { status: 'problem', messages };
	}
}
