// The reader's Recall mode: after each passage, the prompts of its cards that today's review would ask (due, or
// new while the day's new-card limit lasts), answered in place. Answers go the review screen's way (a rating
// queue, lib/today/answer.ts): the same rows in the same log, written in the order given, with the same journal,
// schedule and leech suspension, and a card answered here is no longer in the day's review.
import { SvelteMap } from 'svelte/reactivity';
import type { Answer, CardStateRow } from '$lib/model.ts';
import { cards } from '$lib/deck/deck.ts';
import { errorText } from '$lib/errors.ts';
import { loadRecallOn, saveRecallOn } from '$lib/db/reading.ts';
import { cardStatus } from '$lib/srs/progress.ts';
import { limitsLeft } from '$lib/srs/queue.ts';
import { ANSWER_NAMES, formatInterval } from '$lib/srs/answers.ts';
import {
	giveAnswer,
	preview,
	schedulerFor,
	takeBackAnswer,
	writeAnswer,
	type GivenEntry
} from '$lib/today/answer.ts';
import { RatingQueue } from '$lib/today/rating-queue.svelte.ts';
import { TodayQueue } from '$lib/today/today.svelte.ts';

/** An answer given in the reader during this visit: folded under its passage, with its Undo. */
export interface ReaderAnswer {
	reviewId: string;
	rating: Answer;
	/** How long until the card is due again, from the answer. */
	back: number;
}

/** Told of every change of a card's state made here (undefined: new again), e.g. for the knowledge map. */
export type StateListener = (cardId: string, state: CardStateRow | undefined) => void;

export class RecallState {
	readonly today = new TodayQueue(cards);
	readonly ratings = new RatingQueue({ write: writeAnswer });
	readonly #onState: StateListener;
	#on = $state(false);
	#loaded = $state(false);
	/** Cards whose answer is shown, with when it was shown (the answer's duration runs from there). */
	#revealed = new SvelteMap<string, number>();
	#answered = new SvelteMap<string, ReaderAnswer>();
	/** What Undo needs of each answer given here (not state: nothing renders it). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#entries = new Map<string, GivenEntry>();
	#busy = $state(false);
	#error = $state<string | null>(null);
	#announcement = $state('');

	constructor(onState: StateListener = () => {}) {
		this.#onState = onState;
	}

	get on(): boolean {
		return this.#on;
	}
	get loaded(): boolean {
		return this.#loaded;
	}
	/** An Undo is under way, or as many answers as the rating queue allows are being written. */
	get busy(): boolean {
		return this.#busy || !this.ratings.hasRoom;
	}
	get error(): string | null {
		return this.#error ?? this.today.error;
	}
	get announcement(): string {
		return this.#announcement;
	}

	/** What is left of the day's new-card limit (answers here and in the review both use it). */
	readonly newLeft = $derived.by(() => {
		const data = this.today.data;
		return data ? limitsLeft(data.reviewsToday, data.settings).newLeft : 0;
	});

	/** The cards today's review would show now: learning cards due, reviews due and the day's new cards. */
	readonly #dueNow = $derived.by(() => {
		const queue = this.today.queue;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- made anew with the queue, never changed
		return queue ? new Set([...queue.learning, ...queue.review, ...queue.fresh]) : null;
	});

	async load(): Promise<void> {
		// Without storage the reader still reads (the app's storage message says why); Recall stays off.
		this.#on = await loadRecallOn().catch(() => false);
		this.#loaded = true;
		if (this.#on) this.today.start();
	}

	async setOn(on: boolean): Promise<void> {
		this.#on = on;
		if (on) this.today.start();
		else this.today.stop();
		await saveRecallOn(on);
	}

	stop(): void {
		this.today.stop();
	}

	/** The prompts after a passage with these cards: those due or new now, and those answered here. */
	promptsOf(cardIds: readonly string[]): string[] {
		const data = this.today.data;
		const due = this.#dueNow;
		if (!this.#on || !data || !due) return [];
		const now = this.today.now;
		return cardIds.filter(
			(id) =>
				this.#answered.has(id) ||
				this.#revealed.has(id) ||
				due.has(id) ||
				(this.newLeft > 0 &&
					!data.unloaded.has(id) &&
					cardStatus(data.states.get(id), data.flags.get(id), now) === 'new')
		);
	}

	answered(cardId: string): ReaderAnswer | undefined {
		return this.#answered.get(cardId);
	}

	revealed(cardId: string): boolean {
		return this.#revealed.has(cardId);
	}

	/** When each answer would bring the card back, as an interval from now. */
	intervals(cardId: string): Record<Answer, number> | null {
		const data = this.today.data;
		if (!data) return null;
		const now = this.today.now;
		const due = preview(schedulerFor(data.settings), cardId, data.states.get(cardId), now);
		return { 1: due[1] - now, 2: due[2] - now, 3: due[3] - now, 4: due[4] - now };
	}

	reveal(cardId: string): void {
		this.today.tick();
		this.#revealed.set(cardId, Date.now());
		this.#announcement = '';
	}

	/** Rates a card whose answer is shown. Resolves to false when nothing was saved (the prompt stays, with the error). */
	async answer(cardId: string, rating: Answer): Promise<boolean> {
		const shownAt = this.#revealed.get(cardId);
		if (!this.today.data || shownAt === undefined || this.busy) return false;
		const now = Date.now();
		const given = giveAnswer(this.today, this.ratings, cardId, rating, now, now - shownAt);
		const { expected, leech } = given;
		const back = expected.state.due - now;
		this.#answered.set(cardId, { reviewId: expected.review.id, rating, back });
		this.#entries.set(cardId, given.entry);
		this.#revealed.delete(cardId);
		this.#onState(cardId, expected.state);
		const said = `${ANSWER_NAMES[rating]}: back in ${formatInterval(back)}.`;
		this.#announcement = leech
			? `${said} You have forgotten this card ${expected.state.lapses} times: it is a leech${leech.suspended ? ' and is suspended' : ''}.`
			: said;
		try {
			const saved = await given.saved;
			this.#onState(cardId, saved.state);
			this.#error = null;
			return true;
		} catch (error) {
			if (this.#entries.get(cardId) === given.entry) {
				this.#answered.delete(cardId);
				this.#entries.delete(cardId);
			}
			this.#revealed.set(cardId, shownAt);
			this.#onState(cardId, this.today.data?.states.get(cardId) ?? given.before);
			this.#error = `The answer could not be saved: ${errorText(error)}`;
			return false;
		}
	}

	/** Takes back an answer given here: its review row goes, and the prompt is asked again. */
	async undo(cardId: string): Promise<boolean> {
		const entry = this.#entries.get(cardId);
		if (!entry || this.#busy) return false;
		this.#busy = true;
		try {
			const state = await takeBackAnswer(this.today, this.ratings, entry);
			this.#answered.delete(cardId);
			this.#entries.delete(cardId);
			if (state !== null) this.#onState(cardId, state);
			this.#announcement =
				state === null
					? 'That answer was already gone (taken back in another tab, or progress was reset).'
					: 'Answer taken back. The prompt is asked again.';
			this.#error = null;
			return true;
		} catch (error) {
			this.#error = `Undo failed: ${errorText(error)}`;
			return false;
		} finally {
			this.#busy = false;
		}
	}
}
