// The quiz list: quizzes under way, and the best and last score of every scope.
import { abandonQuiz, finishedQuizzes, unfinishedQuizzes } from '$lib/db/quizzes.ts';
import { errorText } from '$lib/errors.ts';
import type { QuizRow } from '$lib/model.ts';
import { scopeRecords, type ScopeRecord } from '$lib/quiz/score.ts';

export class QuizOverview {
	#underWay = $state.raw<QuizRow[]>([]);
	#finished = $state.raw<QuizRow[]>([]);
	#loaded = $state(false);
	#error = $state<string | null>(null);
	readonly #records = $derived(scopeRecords(this.#finished));

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
			const [underWay, finished] = await Promise.all([unfinishedQuizzes(), finishedQuizzes()]);
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
			await abandonQuiz(id);
		} catch (e) {
			this.#error = `The quiz could not be abandoned: ${errorText(e)}.`;
			return;
		}
		await this.load();
	}
}
