// The way every rating goes to the database, for each screen that rates cards. A rating may come while the
// previous one is still being written (fast keys, a second tab making writes slower): it is never dropped.
//
// - Each write starts at once, in the task of the key press or tap: the journal note first (journal.ts), then
//   the IndexedDB transaction (answerCard). Nothing is awaited before it, so the answer is on its way to the disk
//   before the next card is drawn. IndexedDB runs read-write transactions over the same tables in the order they
//   were made, so the answers are written in the order they were given, each on the state the one before left.
// - At most `limit` writes are under way. The screen asks `whenRoom` before showing an answer: when the writes
//   are at the limit, that action (and the ratings pressed after it) wait their turn, in order, and run as
//   writes settle; `waiting` tells the screen to say so. Only beyond `maxWaiting` actions is one refused, and
//   then `whenRoom` returns false so the screen can say that too.
// - The write itself (answer.ts, writeAnswer) may load after the queue is made: until `hold`'s promise settles
//   there is no room, and what comes waits as it does behind writes.
import type { CardFlagRow, CardStateRow, PendingAnswer, ReviewRow, SrsSettings } from '../model.ts';
import { noteAnswer } from '../db/journal.ts';

export interface SavedAnswer {
	review: ReviewRow;
	state: CardStateRow;
	/** Set when the answer made the card a leech: its flag now and before, for Undo. */
	leech?: { flag: CardFlagRow; before: CardFlagRow | null };
}

export interface RatingQueueOptions {
	/** Writes under way at most (default 4). */
	limit?: number;
	/**
	 * Actions kept waiting for room at most (default 64): a reveal and the rating after it, 32 times. Keys pressed
	 * while another tab holds the database, or a slow disk, keep coming as fast as a learner types; at 16 a run of
	 * 20 fast ratings after such a wait lost some of them (each refused with a message, gone at the next key).
	 */
	maxWaiting?: number;
	/** The write: answer.ts's writeAnswer (answerCard); tests pass their own. */
	write?: (answer: PendingAnswer, settings: SrsSettings) => Promise<SavedAnswer>;
	/** The journal note kept while the write is under way (default: noteAnswer). Returns its release. */
	note?: (answer: PendingAnswer) => () => void;
}

export class RatingQueue {
	readonly limit: number;
	readonly maxWaiting: number;
	readonly #write: NonNullable<RatingQueueOptions['write']>;
	readonly #note: NonNullable<RatingQueueOptions['note']>;
	/** The answers being written, in the order given. */
	#pending = $state.raw<readonly PendingAnswer[]>([]);
	#waiting = $state.raw<readonly { run: () => void; cancel?: () => void }[]>([]);
	/** Their writes, settled or not, until each has settled (not state: nothing renders them). */
	#writes: Promise<unknown>[] = [];
	/** Holds not yet settled (hold): no room until they have. */
	#holds = $state.raw<readonly Promise<unknown>[]>([]);

	constructor(options: RatingQueueOptions & Required<Pick<RatingQueueOptions, 'write'>>) {
		this.limit = options.limit ?? 4;
		this.maxWaiting = options.maxWaiting ?? 64;
		this.#write = options.write;
		this.#note = options.note ?? noteAnswer;
	}

	/** No room until `ready` settles (the code of the write is loading); what comes meanwhile waits, in order. */
	hold(ready: Promise<unknown>): void {
		const held: Promise<unknown> = ready.then(
			() => this.#release(held),
			() => this.#release(held)
		);
		this.#holds = [...this.#holds, held];
	}

	#release(held: Promise<unknown>): void {
		this.#holds = this.#holds.filter((h) => h !== held);
		this.#runWaiting();
	}

	/** How many answers are being written. */
	get pending(): number {
		return this.#pending.length;
	}

	/** How many actions wait for a write to settle. */
	get waiting(): number {
		return this.#waiting.length;
	}

	get hasRoom(): boolean {
		return !this.#holds.length && this.#pending.length < this.limit;
	}

	/** Whether an answer to the card is being written. */
	writing(cardId: string, except?: string): boolean {
		return this.#pending.some((a) => a.cardId === cardId && a.id !== except);
	}

	/**
	 * Runs `action` now when there is room and nothing waits before it; otherwise keeps it, in order, until a
	 * write settles. False when it was refused: too many actions wait already. `cancel` is called instead of
	 * `action` when the waiting actions are dropped (clearWaiting).
	 */
	whenRoom(action: () => void, cancel?: () => void): boolean {
		if (!this.#waiting.length && this.hasRoom) {
			action();
			return true;
		}
		if (this.#waiting.length >= this.maxWaiting) return false;
		this.#waiting = [...this.#waiting, { run: action, cancel }];
		return true;
	}

	/**
	 * Starts writing the answer now, in the caller's task, and resolves to what was saved (rejects when it
	 * could not be saved). Throws when the writes are at the limit: ask `whenRoom` or `hasRoom` first.
	 */
	submit(answer: PendingAnswer, settings: SrsSettings): Promise<SavedAnswer> {
		if (!this.hasRoom) throw new Error('Too many answers are being saved at once.');
		const settle = this.#note(answer);
		let write: Promise<SavedAnswer>;
		try {
			write = this.#write(answer, settings);
		} catch (error) {
			write = Promise.reject(error);
		}
		this.#pending = [...this.#pending, answer];
		const done = write.finally(() => {
			settle();
			this.#pending = this.#pending.filter((a) => a !== answer);
			this.#writes = this.#writes.filter((w) => w !== done);
			this.#runWaiting();
		});
		this.#writes.push(done);
		// The caller handles the failure; this copy only tracks the write.
		done.catch(() => {});
		return write;
	}

	/** Resolves once every write started so far, and every action waiting, has settled (failures included). */
	async settled(): Promise<void> {
		while (this.#writes.length || this.#waiting.length) {
			await Promise.allSettled([...this.#writes, ...this.#holds]);
			// Let the writes' own handlers (and the actions they let run) go first.
			await Promise.resolve();
			if (!this.#writes.length && this.#waiting.length) this.#runWaiting();
		}
	}

	/** Drops the waiting actions (the screen was left, or the data under them changed). */
	clearWaiting(): void {
		const dropped = this.#waiting;
		this.#waiting = [];
		for (const w of dropped) w.cancel?.();
	}

	#runWaiting(): void {
		while (this.#waiting.length && this.hasRoom) {
			const [action, ...rest] = this.#waiting;
			this.#waiting = rest;
			action!.run();
		}
	}
}
