// The quiz list: quizzes under way, and the best and last score of every scope.

import { errorText } from '$lib/errors.ts';
import type { QuizRow } from '$lib/model.ts';
import { scopeRecords, type ScopeRecord } from '$lib/quiz/score.ts';

export interface QuizOverviewDeps {
	unfinishedQuizzes(): Promise<QuizRow[]>;
	finishedQuizzes(): Promise<QuizRow[]>;
	abandonQuiz(id: string): Promise<boolean>;
}

export class QuizOverview {
	#underWay = $state.raw<QuizRow[]>([]);
	#finished = $state.raw<QuizRow[]>([]);
	#loaded = $state(false);
	#error = $state<string | null>(null);
	readonly #deps: QuizOverviewDeps;
	readonly #records = $derived(scopeRecords(this.#finished));

	constructor(deps: QuizOverviewDeps) {
		this.#deps = deps;
	}

	get loaded(): boolean {
		return this.#loaded;
	}

	get error(): string | null {
		return this.#error;
	}

	get underWay(): readonly QuizRow[] {
		return this.#underWay;
	}

	/** Finished quizzes, most recent first. */
	get finished(): readonly QuizRow[] {
		return this.#finished;
	}

	recordOf(scope: string): ScopeRecord | undefined {
		return this.#records.get(scope);
	}

	async load(): Promise<void> {
		try {
			const [underWay, finished] = await Promise.all([
				this.#deps.unfinishedQuizzes(),
				this.#deps.finishedQuizzes()
			]);
			this.#underWay = underWay;
			this.#finished = finished;
			this.#error = null;
		} catch (e) {
			this.#error = `Your quizzes could not be read from this browser's storage: ${errorText(e)}.`;
		} finally {
			this.#loaded = true;
		}
	}

	async abandon(id: string): Promise<void> {
		try {
			await this.#deps.abandonQuiz(id);
		} catch (e) {
			this.#error = `The quiz could not be abandoned: ${errorText(e)}.`;
			return;
		}
		await this.load();
	}
}
