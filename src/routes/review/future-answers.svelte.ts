// The review screen's notice of answers dated in the future (db/future.ts): found when the screen opens,
// and put right, when the learner agrees, by treating them as answered now.
import { errorText } from '$lib/errors.ts';
import type { FutureAnswers } from '$lib/db/future.ts';

export type { FutureAnswers };

/** db/future.ts (with the scheduler, for the replay) loads apart from the screen's first JavaScript. */
const future = () => import('$lib/db/future.ts');

/** Resolves when the browser is idle (after the first card is shown), or soon where it cannot tell. */
function idle(): Promise<void> {
	return new Promise((resolve) =>
		typeof requestIdleCallback === 'function'
			? requestIdleCallback(() => resolve(), { timeout: 2000 })
			: setTimeout(resolve, 0)
	);
}

export class FutureAnswersNotice {
	readonly #now: () => number;
	#found = $state.raw<FutureAnswers | null>(null);
	#working = $state(false);
	#done = $state<string | null>(null);
	#error = $state<string | null>(null);

	constructor(now: () => number = Date.now) {
		this.#now = now;
	}

	/** The answers dated in the future, while the learner has not put them right. */
	get found(): FutureAnswers | null {
		return this.#found;
	}
	get working(): boolean {
		return this.#working;
	}
	/** What was done, once it was. */
	get done(): string | null {
		return this.#done;
	}
	get error(): string | null {
		return this.#error;
	}

	/**
	 * Looks for answers dated in the future, once the browser is idle. A failed look is not worth a message: the
	 * queue says its own.
	 */
	async check(): Promise<void> {
		try {
			// Not in the way of today's queue, which reads at the same time.
			await idle();
			const { futureAnswers } = await future();
			this.#found = await futureAnswers(this.#now());
		} catch {
			this.#found = null;
		}
	}

	/** Treats them as answered now. Resolves to true when something changed (the queue is then to be read again). */
	async answerNow(): Promise<boolean> {
		if (this.#working) return false;
		this.#working = true;
		try {
			const { answerFutureNow } = await future();
			const { answers, cards } = await answerFutureNow(this.#now());
			this.#found = null;
			this.#error = null;
			this.#done = `${answers} ${answers === 1 ? 'answer is' : 'answers are'} now dated today; ${cards === 1 ? 'its card is' : 'their cards are'} scheduled from now.`;
			return answers > 0;
		} catch (error) {
			this.#error = `The answers could not be changed: ${errorText(error)}. Nothing was changed.`;
			return false;
		} finally {
			this.#working = false;
		}
	}
}
