// The daily review as the review screen runs it: the card shown, whether its answer is shown, the answers
// given in this session (for Undo), and what to announce. The schedule itself comes from srs/ and db/.
import { errorText } from '$lib/errors.ts';
import type { Answer, CardFlagRow } from '$lib/model.ts';
import { answerCard, buryCard, newId, restoreFlag, setSuspended, undoReview } from '$lib/db/reviews.ts';
import { noteAnswer } from '$lib/db/journal.ts';
import type { StudyData } from '$lib/db/study.ts';
import { nextDayStart } from '$lib/srs/day.ts';
import { cardStatus } from '$lib/srs/progress.ts';
import { nextCard, type QueueCard } from '$lib/srs/queue.ts';
import { ANSWER_NAMES, formatInterval, preview, rate } from '$lib/srs/scheduler.ts';
import { becameLeech } from '$lib/srs/leech.ts';
import { sameState, withAnswer, withFlag, withoutAnswer } from '$lib/today/study-data.ts';
import { systemClock, TodayQueue, type Clock } from '$lib/today/today.svelte.ts';

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

export interface ReviewSessionOptions {
	clock?: Clock;
	/** Called after the first answer of the session (the app asks for persistent storage, once ever). */
	afterFirstAnswer?: () => void;
}

export class ReviewSession {
	readonly today: TodayQueue;
	readonly #clock: Clock;
	readonly #afterFirstAnswer: () => void;
	#currentId = $state<string | null>(null);
	#revealed = $state(false);
	/** When the current card was shown, for the answer's duration. */
	#shownAt = 0;
	#undo = $state.raw<UndoEntry[]>([]);
	#busy = $state(false);
	#announcement = $state('');
	#error = $state<string | null>(null);
	/** The card the last answer made a leech, and whether it was suspended; null otherwise. */
	#leech = $state<{ cardId: string; suspended: boolean } | null>(null);
	/** A snapshot is only restored into a session nobody has used yet (a reload), never over newer state. */
	#used = false;
	/** Whether this session gave an answer yet (persistent storage is asked for after the first). */
	#answered = false;
	#stopListening: (() => void) | null = null;

	constructor(cards: readonly QueueCard[], options: ReviewSessionOptions = {}) {
		this.#clock = options.clock ?? systemClock;
		// Asked once the learner has progress worth keeping; storage.ts remembers that it asked.
		// Loaded only then: the screen's first paint does not wait for it.
		this.#afterFirstAnswer =
			options.afterFirstAnswer ??
			(() => void import('$lib/pwa/storage.ts').then((s) => s.requestPersistence()).catch(() => false));
		this.today = new TodayQueue(cards, this.#clock);
	}

	/** The card to show, or null: when loading, or when today's work is done for now. */
	get currentId(): string | null {
		return this.#currentId;
	}
	get revealed(): boolean {
		return this.#revealed;
	}
	get busy(): boolean {
		return this.#busy;
	}
	get canUndo(): boolean {
		return this.#undo.length > 0 && !this.#busy;
	}
	/** Text for the screen's live region. */
	get announcement(): string {
		return this.#announcement;
	}
	get error(): string | null {
		return this.#error ?? this.today.error;
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
		if (!id || !data || !this.#revealed) return null;
		const now = this.today.now;
		const due = preview(this.today.scheduler, id, data.states.get(id), now);
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

	reveal(): void {
		if (!this.#currentId || this.#revealed) return;
		this.#used = true;
		this.today.tick();
		this.#revealed = true;
		this.#announcement = '';
	}

	/**
	 * Rates the current card. The next card is shown at once (before the first await), from the state in
	 * memory; the answer is saved meanwhile. Resolves to false when nothing was saved: the card is then
	 * shown again, with its answer, and the error.
	 */
	async answer(rating: Answer): Promise<boolean> {
		const cardId = this.#currentId;
		const data = this.today.data;
		if (!cardId || !data || !this.#revealed || this.#busy) return false;
		this.#busy = true;
		this.#used = true;
		const now = this.#clock.now();
		const durationMs = now - this.#shownAt;
		const id = newId();
		// Kept until the write settles, so that a reload meanwhile cannot lose the answer.
		const settle = noteAnswer({ id, cardId, rating, now, durationMs });
		const before = data.states.get(cardId);
		const expected = rate(this.today.scheduler, cardId, before, rating, now, id, durationMs);
		this.today.update(cardId, (d) => withAnswer(d, expected.review, expected.state));
		// A leech is suspended with the answer (answerCard), so it leaves today's queue at once.
		const flagBefore = data.flags.get(cardId) ?? null;
		const leech = becameLeech(before, expected.state);
		const suspend = leech && data.settings.leechAction === 'suspend';
		if (suspend) {
			const flag = { cardId, buriedUntil: 0, ...flagBefore, suspended: true, updatedAt: now };
			this.today.update(cardId, (d) => withFlag(d, flag));
		}
		this.#leech = leech ? { cardId, suspended: suspend } : null;
		const said = `${ANSWER_NAMES[rating]}: back in ${formatInterval(expected.state.due - expected.review.reviewedAt)}.`;
		this.#showNext(
			now,
			leech
				? `${said} You have forgotten this card ${expected.state.lapses} times: it is a leech${suspend ? ' and is suspended' : ''}.`
				: said
		);
		try {
			const saved = await answerCard(cardId, rating, {
				now,
				durationMs,
				settings: data.settings,
				id
			});
			const { review, state } = saved;
			if (saved.leech) this.today.update(cardId, (d) => withFlag(d, saved.leech!.flag));
			else if (suspend) this.today.update(cardId, (d) => withFlag(d, unsuspended(cardId, flagBefore)));
			// Saved from the state in the database: when another tab answered this card just before, that
			// state differs from the one in memory, and the saved one is kept.
			if (!sameState(state, expected.state)) {
				this.today.update(cardId, (d) => withAnswer(withoutAnswer(d, id, cardId, null), review, state));
			}
			const entry: UndoEntry = { kind: 'answer', reviewId: review.id, cardId };
			if (saved.leech) entry.leechBefore = saved.leech.before;
			this.#undo = [...this.#undo, entry];
			if (!this.#answered) {
				this.#answered = true;
				this.#afterFirstAnswer();
			}
			this.#error = null;
			return true;
		} catch (error) {
			this.today.update(cardId, (d) => withoutAnswer(d, id, cardId, before));
			if (suspend) this.today.update(cardId, (d) => withFlag(d, unsuspended(cardId, flagBefore)));
			this.#leech = null;
			this.#show(cardId);
			this.#revealed = true;
			this.#error = `The answer could not be saved: ${errorText(error)}`;
			return false;
		} finally {
			settle();
			this.#busy = false;
		}
	}

	/** Skip until tomorrow: the card leaves today's queue until the next study day begins. */
	skip(): Promise<boolean> {
		return this.#flag('skip', (id, data, now) => buryCard(id, nextDayStart(now, data.settings.dayStartHour)));
	}

	suspend(): Promise<boolean> {
		return this.#flag('suspend', (id) => setSuspended(id, true));
	}

	/** Takes back the last answer, Skip or Suspend of this session, and shows that card again. */
	async undo(): Promise<boolean> {
		const entry = this.#undo.at(-1);
		if (!entry || this.#busy) return false;
		this.#busy = true;
		this.#used = true;
		try {
			let text: string;
			if (entry.kind === 'answer') {
				const result = await undoReview(entry.reviewId);
				this.today.update(entry.cardId, (d) =>
					withoutAnswer(d, entry.reviewId, entry.cardId, result ? result.state : null)
				);
				if (entry.leechBefore !== undefined) {
					const flag = await restoreFlag(entry.cardId, entry.leechBefore);
					this.today.update(entry.cardId, (d) => withFlag(d, flag));
				}
				if (this.#leech?.cardId === entry.cardId) this.#leech = null;
				text = result
					? 'Answer taken back. The card is shown again.'
					: 'That answer was already gone (taken back in another tab, or progress was reset).';
			} else {
				const flag = await restoreFlag(entry.cardId, entry.before);
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
		write: (cardId: string, data: StudyData, now: number) => Promise<CardFlagRow>
	): Promise<boolean> {
		const cardId = this.#currentId;
		const data = this.today.data;
		if (!cardId || !data || this.#busy) return false;
		this.#busy = true;
		this.#used = true;
		const now = this.#clock.now();
		const before = data.flags.get(cardId) ?? null;
		try {
			const flag = await write(cardId, data, now);
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

	#show(cardId: string | null): void {
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

/** The flags a card had before a leech suspension that did not happen after all. */
function unsuspended(cardId: string, before: CardFlagRow | null): CardFlagRow {
	return before ?? { cardId, suspended: false, buriedUntil: 0, updatedAt: 0 };
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
