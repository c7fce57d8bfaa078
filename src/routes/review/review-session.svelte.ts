// The daily review as the review screen runs it: the card shown, whether its answer is shown, the answers
// given in this session (for Undo), and what to announce. The schedule itself comes from srs/ and db/.
import { errorText } from '$lib/errors.ts';
import type { Answer, CardFlagRow } from '$lib/model.ts';
import type { StudyData } from '$lib/db/study.ts';
import { afterPaint } from '$lib/perf.ts';
import { ANSWER_NAMES, formatInterval } from '$lib/srs/answers.ts';
import { nextDayStart } from '$lib/srs/day.ts';
import { cardStatus } from '$lib/srs/progress.ts';
import { nextCard, type QueueCard } from '$lib/srs/queue.ts';
import type { GivenAnswer } from '$lib/today/answer.ts';
import { withFlag } from '$lib/today/study-data.ts';
import { prepareWhen } from '$lib/ui/format.ts';
import { systemClock, TodayQueue, type Clock } from '$lib/today/today.svelte.ts';
import { RatingQueue, type RatingQueueOptions } from '$lib/today/rating-queue.svelte.ts';

/** What Undo takes back: an answer (by its review id), or a Skip or Suspend (with the flags before it). */
export type UndoEntry =
	| {
			kind: 'answer';
			reviewId: string;
			cardId: string;
			/** When the answer suspended the card as a leech: its flags before (null when it had none). */
			leechBefore?: CardFlagRow | null;
	  }
	| { kind: 'skip' | 'suspend'; cardId: string; before: CardFlagRow | null };

/** What survives a reload of the review screen (SvelteKit snapshot, kept in sessionStorage). */
export interface ReviewSnapshot {
	cardId: string | null;
	revealed: boolean;
	undo: UndoEntry[];
}

export type CardKind = 'new' | 'learning' | 'review';

/** Answering: the scheduler and the writes (today/answer.ts), loaded once the first card is painted. */
type Answering = typeof import('$lib/today/answer.ts');

const NOT_LOADED = 'the app’s code for answering did not load (reload the page)';

export interface ReviewSessionOptions {
	clock?: Clock;
	/** Called after the first answer of the session (the app asks for persistent storage, once ever). */
	afterFirstAnswer?: () => void;
	/** How answers are written (rating-queue.svelte.ts); tests change its limits or its write. */
	ratings?: RatingQueueOptions;
}

export class ReviewSession {
	readonly today: TodayQueue;
	readonly ratings: RatingQueue;
	readonly #clock: Clock;
	readonly #afterFirstAnswer: () => void;
	#currentId = $state<string | null>(null);
	#revealed = $state(false);
	/** When the current card was shown, for the answer's duration. */
	#shownAt = 0;
	#undo = $state.raw<UndoEntry[]>([]);
	#busy = $state(false);
	/** Show answer was asked for while answers were being saved: how many times (each waits its turn). */
	#revealsWaiting = $state(0);
	/** Counts the cards shown, so the screen knows whether a rating moved to the next one. */
	#turn = $state(0);
	#announcement = $state('');
	#error = $state<string | null>(null);
	/** Keys not taken because too many waited; kept until the next Show answer is taken at once. */
	#refused = $state<string | null>(null);
	/** The card the last answer made a leech, and whether it was suspended; null otherwise. */
	#leech = $state<{ cardId: string; suspended: boolean } | null>(null);
	/** A snapshot is only restored into a session nobody has used yet (a reload), never over newer state. */
	#used = false;
	/** Whether this session gave an answer yet (persistent storage is asked for after the first). */
	#answered = false;
	#stopListening: (() => void) | null = null;
	#answering = $state.raw<Answering | null>(null);
	#loading: Promise<Answering> | undefined;

	constructor(cards: readonly QueueCard[], options: ReviewSessionOptions = {}) {
		this.#clock = options.clock ?? systemClock;
		// Asked once the learner has progress worth keeping; storage.ts remembers that it asked.
		// Loaded only then: the screen's first paint does not wait for it.
		this.#afterFirstAnswer =
			options.afterFirstAnswer ??
			(() => void import('$lib/pwa/storage.ts').then((s) => s.requestPersistence()).catch(() => false));
		this.today = new TodayQueue(cards, this.#clock);
		this.ratings = new RatingQueue({
			write: (answer, settings) => {
				if (!this.#answering) throw new Error(NOT_LOADED);
				return this.#answering.writeAnswer(answer, settings);
			},
			...options.ratings
		});
	}

	/**
	 * Loads answering (the scheduler and the writes): started once the first card is painted, so the first card
	 * does not wait for it; Show answer and the ratings given before it has loaded wait for it (`#ready`).
	 */
	load(): Promise<Answering> {
		this.#loading ??= import('$lib/today/answer.ts').then(
			(module) => (this.#answering = module),
			(error: unknown) => {
				this.#loading = undefined; // tried again on the next call
				throw error;
			}
		);
		return this.#loading;
	}

	/**
	 * Once the first card is painted (in a browser; elsewhere answering loads when first needed): answering
	 * loads, and when the browser is idle the formats of the day's summary are made, so that neither the first
	 * answer nor the last (which shows the summary) waits for them.
	 */
	#prepare(): void {
		void this.load().catch(() => {});
		if (typeof requestIdleCallback === 'function')
			requestIdleCallback(() => prepareWhen(), { timeout: 3000 });
	}

	/** Before Show answer or a rating: while answering loads, the rating queue has no room, so they wait in turn. */
	#ready(): void {
		if (!this.#answering) this.ratings.hold(this.load());
	}

	/** The card to show, or null: when loading, or when today's work is done for now. */
	get currentId(): string | null {
		return this.#currentId;
	}
	get revealed(): boolean {
		return this.#revealed;
	}
	/** Undo, Skip or Suspend is under way (answers never make the session busy: they are queued). */
	get busy(): boolean {
		return this.#busy;
	}
	/** The answer is to show as soon as one of the answers being saved is saved. */
	get revealWaits(): boolean {
		return this.#revealsWaiting > 0;
	}
	/** Keys wait for answers to be saved: Show answer and the ratings go behind them, whatever is shown. */
	get keysWait(): boolean {
		return this.#revealsWaiting > 0 || this.ratings.waiting > 0;
	}
	/** Answers given but not yet saved. */
	get saving(): number {
		return this.ratings.pending;
	}
	/** How many cards were shown so far: changes whenever another card (or the same one again) is shown. */
	get turn(): number {
		return this.#turn;
	}
	get canUndo(): boolean {
		return this.#undo.length > 0 && !this.#busy;
	}
	/** Text for the screen's live region. */
	get announcement(): string {
		return this.#announcement;
	}
	get error(): string | null {
		return this.#error ?? this.#refused ?? this.today.error;
	}
	/** The card the last answer made a leech (forgotten 8 times), shown until the next answer. */
	get leech(): { cardId: string; suspended: boolean } | null {
		return this.#leech;
	}
	get loaded(): boolean {
		return this.today.data !== null;
	}
	/** Today's work is done for now: nothing to show until a learning card or a new day comes. */
	get done(): boolean {
		return this.loaded && this.#currentId === null;
	}

	/** Whether the current card is new, in learning, or a review (for the counters). */
	readonly kind = $derived.by((): CardKind | null => {
		const id = this.#currentId;
		const data = this.today.data;
		if (!id || !data) return null;
		const status = cardStatus(data.states.get(id), undefined, this.today.now);
		return status === 'new' || status === 'learning' || status === 'review' ? status : null;
	});

	/** When each answer would bring the current card back, as an interval from now; null until revealed. */
	readonly intervals = $derived.by((): Record<Answer, number> | null => {
		const id = this.#currentId;
		const data = this.today.data;
		const answering = this.#answering;
		if (!id || !data || !this.#revealed || !answering) return null;
		const now = this.today.now;
		const due = answering.preview(answering.schedulerFor(data.settings), id, data.states.get(id), now);
		return { 1: due[1] - now, 2: due[2] - now, 3: due[3] - now, 4: due[4] - now };
	});

	start(): void {
		this.#stopListening ??= this.today.onChange(() => this.#showNextIfIdle());
		this.today.start();
		this.#showNextIfIdle();
	}

	stop(): void {
		this.#stopListening?.();
		this.#stopListening = null;
		this.today.stop();
	}

	/**
	 * Shows the answer. While as many answers as the queue allows are being saved, the answer waits for one of
	 * them (revealWaits says so), and a rating given meanwhile waits behind it.
	 */
	reveal(): void {
		// With keys still waiting, this one is for a card after the one shown: it waits its turn too.
		if (!this.#currentId || (this.#revealed && !this.ratings.waiting)) return;
		this.#used = true;
		this.#ready();
		if (this.ratings.hasRoom && !this.ratings.waiting) this.#refused = null;
		this.#revealsWaiting++;
		// Shows the card current when it runs: keys pressed while waiting (Space, 3, Space, 3) run in turn.
		const taken = this.ratings.whenRoom(() => {
			this.#revealsWaiting = Math.max(0, this.#revealsWaiting - 1);
			if (!this.#currentId || this.#revealed) return;
			if (!this.#answering) {
				this.#error = `The answer cannot be shown: ${NOT_LOADED}.`;
				return;
			}
			this.today.tick();
			this.#revealed = true;
			this.#announcement = '';
		});
		if (!taken) {
			this.#revealsWaiting--;
			this.#refused = 'Too many keys at once while answers were being saved: Show answer was not taken.';
		}
	}

	/**
	 * Rates the current card. The answer's write starts at once (in this task, before anything is drawn), then
	 * the next card is shown from the state in memory, while the write goes on. A rating given while the answer
	 * waits to show (reveal) waits behind it, in order. Resolves to false when nothing was saved: the card is
	 * then shown again, with its answer, and the error.
	 */
	answer(rating: Answer): Promise<boolean> {
		if (this.#busy) return Promise.resolve(false);
		this.#ready();
		if (!this.ratings.waiting && this.ratings.hasRoom) return this.#rate(rating);
		return new Promise<boolean>((resolve) => {
			const taken = this.ratings.whenRoom(
				() => void this.#rate(rating).then(resolve),
				// Undo, Skip or Suspend came before its turn: the rating was for a card no longer shown.
				() => resolve(false)
			);
			if (!taken) {
				this.#refused = `Too many keys at once while answers were being saved: ${ANSWER_NAMES[rating]} was not taken.`;
				resolve(false);
			}
		});
	}

	#rate(rating: Answer): Promise<boolean> {
		const cardId = this.#currentId;
		const answering = this.#answering;
		if (!cardId || !this.today.data || !this.#revealed || this.#busy) return Promise.resolve(false);
		this.#used = true;
		if (!answering) {
			this.#error = `The answer could not be saved: ${NOT_LOADED}.`;
			return Promise.resolve(false);
		}
		const now = this.#clock.now();
		const given = answering.giveAnswer(this.today, this.ratings, cardId, rating, now, now - this.#shownAt);
		// The same object as the answer's own entry: its leech flags are noted there once saved.
		const entry: Extract<UndoEntry, { kind: 'answer' }> = Object.assign(given.entry, {
			kind: 'answer' as const
		});
		this.#undo = [...this.#undo, entry];
		const { expected, leech } = given;
		this.#leech = leech ? { cardId, suspended: leech.suspended } : null;
		const said = `${ANSWER_NAMES[rating]}: back in ${formatInterval(expected.state.due - expected.review.reviewedAt)}.`;
		this.#showNext(
			now,
			leech
				? `${said} You have forgotten this card ${expected.state.lapses} times: it is a leech${leech.suspended ? ' and is suspended' : ''}.`
				: said
		);
		return this.#saved(given, entry);
	}

	async #saved(given: GivenAnswer, entry: Extract<UndoEntry, { kind: 'answer' }>): Promise<boolean> {
		const { cardId } = given.entry;
		try {
			await given.saved;
			if (!this.#answered) {
				this.#answered = true;
				this.#afterFirstAnswer();
			}
			this.#error = null;
			return true;
		} catch (error) {
			this.#undo = this.#undo.filter((e) => e !== entry);
			this.#leech = null;
			// What waited was meant for the card shown; the card whose answer failed is shown instead.
			this.#stopWaiting();
			this.#show(cardId);
			this.#revealed = true;
			this.#error = `The answer could not be saved: ${errorText(error)}`;
			return false;
		}
	}

	/** Skip until tomorrow: the card leaves today's queue until the next study day begins. */
	skip(): Promise<boolean> {
		return this.#flag('skip', (a, id, data, now) =>
			a.buryCard(id, nextDayStart(now, data.settings.dayStartHour))
		);
	}

	suspend(): Promise<boolean> {
		return this.#flag('suspend', (a, id) => a.setSuspended(id, true));
	}

	/** Takes back the last answer, Skip or Suspend of this session, and shows that card again. */
	async undo(): Promise<boolean> {
		if (!this.#undo.length || this.#busy) return false;
		this.#busy = true;
		this.#used = true;
		this.#stopWaiting();
		try {
			const answering = await this.load();
			// The last answer may still be on its way: Undo takes back what was saved.
			await this.ratings.settled();
			const entry = this.#undo.at(-1);
			if (!entry) return false;
			let text: string;
			if (entry.kind === 'answer') {
				const state = await answering.takeBackAnswer(this.today, this.ratings, entry);
				if (this.#leech?.cardId === entry.cardId) this.#leech = null;
				text =
					state !== null
						? 'Answer taken back. The card is shown again.'
						: 'That answer was already gone (taken back in another tab, or progress was reset).';
			} else {
				const flag = await answering.restoreFlag(entry.cardId, entry.before);
				this.today.update(entry.cardId, (d) => withFlag(d, flag));
				text = `${entry.kind === 'skip' ? 'Skip' : 'Suspend'} taken back. The card is shown again.`;
			}
			this.#undo = this.#undo.slice(0, -1);
			this.#error = null;
			this.#show(entry.cardId);
			this.#announcement = text;
			return true;
		} catch (error) {
			this.#error = `Undo failed: ${errorText(error)}`;
			return false;
		} finally {
			this.#busy = false;
		}
	}

	capture(): ReviewSnapshot {
		return { cardId: this.#currentId, revealed: this.#revealed, undo: [...this.#undo] };
	}

	/** After a reload: the same card, answer shown or not, and Undo as it was. Ignored once the session was used. */
	restore(snapshot: ReviewSnapshot | undefined): void {
		if (this.#used || !snapshot) return;
		this.#used = true;
		this.#undo = snapshot.undo.filter((e) => this.today.inDeck(e.cardId));
		if (snapshot.cardId && this.today.inDeck(snapshot.cardId)) {
			this.#show(snapshot.cardId);
			this.#revealed = snapshot.revealed;
		}
	}

	async #flag(
		kind: 'skip' | 'suspend',
		write: (answering: Answering, cardId: string, data: StudyData, now: number) => Promise<CardFlagRow>
	): Promise<boolean> {
		const cardId = this.#currentId;
		const data = this.today.data;
		if (!cardId || !data || this.#busy) return false;
		this.#busy = true;
		this.#used = true;
		this.#stopWaiting();
		try {
			const answering = await this.load();
			// The answers still being saved go first, so Undo takes things back in the order they were done.
			await this.ratings.settled();
			if (this.#currentId !== cardId) return false;
			const now = this.#clock.now();
			const before = this.today.data?.flags.get(cardId) ?? null;
			const flag = await write(answering, cardId, this.today.data ?? data, now);
			this.today.update(cardId, (d) => withFlag(d, flag));
			this.#undo = [...this.#undo, { kind, cardId, before }];
			this.#error = null;
			this.#showNext(now, kind === 'skip' ? 'Skipped until tomorrow.' : 'Card suspended.');
			return true;
		} catch (error) {
			this.#error = `The card could not be ${kind === 'skip' ? 'skipped' : 'suspended'}: ${errorText(error)}`;
			return false;
		} finally {
			this.#busy = false;
		}
	}

	#showNext(now: number, said: string): void {
		this.today.tick(now);
		const queue = this.today.queue;
		const next = queue ? nextCard(queue, now) : null;
		this.#show(next);
		const c = queue?.counts;
		const left = c ? ` ${c.fresh} new, ${c.learning} learning, ${c.review} to review.` : '';
		this.#announcement = next ? `${said}${left} Next card.` : `${said} That is all for now.`;
	}

	/** Undo, Skip or Suspend: an answer still waiting to show waits no more. */
	#stopWaiting(): void {
		this.ratings.clearWaiting();
		this.#revealsWaiting = 0;
	}

	#show(cardId: string | null): void {
		if (cardId && !this.#loading && typeof requestAnimationFrame === 'function')
			void afterPaint().then(() => this.#prepare());
		this.#turn++;
		this.#currentId = cardId;
		this.#revealed = false;
		this.#shownAt = this.#clock.now();
	}

	/** New data or a tick: show a card if none is shown (a learning card came due, another tab added work). */
	#showNextIfIdle(): void {
		if (this.#currentId !== null || this.#busy) return;
		const queue = this.today.queue;
		if (!queue) return;
		const next = nextCard(queue, this.today.now);
		if (next) this.#show(next);
	}
}

let session: ReviewSession | undefined;

/**
 * The one review session of this tab. It outlives the review screen, so that leaving for the reader
 * (a quote's link) and coming back finds the same card, with its answer still shown.
 */
export function reviewSession(cards: readonly QueueCard[]): ReviewSession {
	session ??= new ReviewSession(cards);
	return session;
}
