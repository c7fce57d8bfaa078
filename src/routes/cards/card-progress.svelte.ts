// Every card's progress for the card browser: status, due date, and the history of the cards opened.
// Live: answers given in the review (this tab or another) show here as they happen.
import { errorText } from '$lib/errors.ts';
import type { CardFlagRow, CardStateRow, ReviewRow } from '$lib/model.ts';
import { watch } from '$lib/db/live.ts';
import { allFlags, allStates, reviewsOfCard, setSuspended } from '$lib/db/reviews.ts';
import { cardStatus, type CardStatus } from '$lib/srs/progress.ts';
import { isLeech } from '$lib/srs/leech.ts';

export class CardProgress {
	// Replaced whole by each read; null until the first.
	#states = $state.raw<ReadonlyMap<string, CardStateRow> | null>(null);
	#flags = $state.raw<ReadonlyMap<string, CardFlagRow> | null>(null);
	#now = $state(Date.now());
	#error = $state<string | null>(null);
	#history = $state.raw<Readonly<Record<string, readonly ReviewRow[]>>>({});
	#unwatch: (() => void) | null = null;
	#historyWatches: Record<string, () => void> = {};

	get loaded(): boolean {
		return this.#states !== null;
	}
	get error(): string | null {
		return this.#error;
	}

	start(): void {
		if (this.#unwatch) return;
		this.#unwatch = watch(
			async () => ({ states: await allStates(), flags: await allFlags() }),
			({ states, flags }) => {
				this.#states = states;
				this.#flags = flags;
				this.#now = Date.now();
				this.#error = null;
			},
			(error) => (this.#error = errorText(error))
		);
	}

	stop(): void {
		this.#unwatch?.();
		this.#unwatch = null;
		for (const stop of Object.values(this.#historyWatches)) stop();
		this.#historyWatches = {};
	}

	status(cardId: string): CardStatus {
		return cardStatus(this.#states?.get(cardId), this.#flags?.get(cardId), this.#now);
	}

	/** Whether the card was forgotten often enough to be a leech (srs/leech.ts). */
	isLeech(cardId: string): boolean {
		return isLeech(this.#states?.get(cardId));
	}

	state(cardId: string): CardStateRow | undefined {
		return this.#states?.get(cardId);
	}

	/** The card's answers, oldest first; undefined until its history was opened and read. */
	history(cardId: string): readonly ReviewRow[] | undefined {
		return this.#history[cardId];
	}

	/** Reads a card's history when it is opened, and keeps it live while open. */
	openHistory(cardId: string): void {
		if (this.#historyWatches[cardId]) return;
		this.#historyWatches[cardId] = watch(
			() => reviewsOfCard(cardId),
			(rows) => (this.#history = { ...this.#history, [cardId]: rows })
		);
	}

	closeHistory(cardId: string): void {
		this.#historyWatches[cardId]?.();
		delete this.#historyWatches[cardId];
	}

	async unsuspend(cardId: string): Promise<void> {
		try {
			await setSuspended(cardId, false);
		} catch (error) {
			this.#error = errorText(error);
		}
	}
}
