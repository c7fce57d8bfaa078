// Today's queue as a screen shows it: read once, then kept up to date in memory with this tab's own writes
// (update()) and read again only when another tab changes the data, or a new study day begins; with a timer
// that moves it on when a learning card comes due. A read costs what today's work costs (db/study.ts), and
// it must not follow every answer: an answer moves its card alone in the queue plan (srs/queue.ts), so the
// next card comes at the cost of the day's work, not of the deck or the history.
import { errorText } from '../errors.ts';
import type { SrsSettings } from '../model.ts';
import { getDb } from '../db/index.ts';
import { onChangeElsewhere } from '../db/changes.ts';
import { loadStudyData, prepareStudyData, type StudyData } from '../db/study.ts';
import { dayStart } from '../srs/day.ts';
import { daySummary } from '../srs/progress.ts';
import { nextChange, QueuePlan, type QueueCard } from '../srs/queue.ts';
import { recallCurve } from '../srs/curve.ts';
import { DEFAULT_SETTINGS } from '../srs/defaults.ts';
import { measureSince } from '../perf.ts';

// In a browser, the database starts opening and the settings' validator loading as this module loads (while the
// deck is fetched and the screen is drawn), not when the screen first asks for today's data.
if (typeof document !== 'undefined') prepareStudyData();

/** Time and timers, injected so that tests can move time by hand. */
export interface Clock {
	now(): number;
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	setTimeout: (fn, ms) => setTimeout(fn, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

/**
 * The longest the queue sleeps before looking at the clock again: a computer that slept, or a clock
 * changed by hand or by a time-zone change, is noticed within this time even when no timer was due,
 * and "in 5 min" stays right to the minute.
 */
const MAX_SLEEP = 60_000;

/** The tables today's data are read from: a change to any other does not need a new read. */
const STUDY_TABLES = ['settings', 'cardStates', 'cardFlags', 'reviews'];

export class TodayQueue {
	readonly #cards: readonly QueueCard[];
	/** The deck's card ids: the first card due after today is looked for among them. */
	readonly #deck: ReadonlySet<string>;
	readonly #clock: Clock;
	#data = $state.raw<StudyData | null>(null);
	/** The settings of the data read (apart from #data, so that an answer does not make a new curve). */
	#settings = $state.raw<SrsSettings>(DEFAULT_SETTINGS);
	/** Today's queue card by card, always for #data (not state: #data changes with it). */
	#plan: QueuePlan | null = null;
	#now = $state(0);
	#error = $state<string | null>(null);
	#running = false;
	#stopHearing: (() => void) | null = null;
	/** A read is under way; `#readAgain`: something changed meanwhile, so its result may be stale. */
	#reading = false;
	#readAgain = false;
	/** Counts this tab's own updates: a read that started before one of them may have missed it. */
	#updates = 0;
	#timer: unknown = null;
	// Not state: nothing renders the listeners.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#listeners = new Set<() => void>();

	constructor(cards: readonly QueueCard[], clock: Clock = systemClock) {
		this.#cards = cards;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- never changed after this
		this.#deck = new Set(cards.map((c) => c.id));
		this.#clock = clock;
		this.#now = clock.now();
	}

	/** The forgetting curve that orders today's reviews (the scheduler itself loads with answering, answer.ts). */
	readonly curve = $derived(recallCurve(this.#settings));

	/** Null until the first read from the database. */
	readonly queue = $derived.by(() => {
		const now = this.#now;
		if (!this.#data || !this.#plan) return null;
		return this.#plan.queue(now);
	});

	readonly summary = $derived(daySummary(this.#data?.reviewsToday ?? []));

	/** Whether the card is in the deck this queue shows. */
	inDeck(cardId: string): boolean {
		return this.#deck.has(cardId);
	}

	get data(): StudyData | null {
		return this.#data;
	}

	get now(): number {
		return this.#now;
	}

	/** A message when the database could not be read. */
	get error(): string | null {
		return this.#error;
	}

	get running(): boolean {
		return this.#running;
	}

	/** Reads the data and starts watching other tabs and the clock. Data from an earlier start stay shown until new data come. */
	start(): void {
		if (this.#running) return;
		this.#running = true;
		this.#now = this.#clock.now();
		this.#stopHearing = onChangeElsewhere(getDb(), (tables) => {
			if (STUDY_TABLES.some((t) => tables.has(t))) this.#read();
		});
		this.#read();
		this.#arm();
		if (typeof document !== 'undefined') {
			document.addEventListener('visibilitychange', this.#onVisible);
			window.addEventListener('focus', this.#onVisible);
		}
	}

	stop(): void {
		this.#running = false;
		this.#stopHearing?.();
		this.#stopHearing = null;
		if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
		this.#timer = null;
		if (typeof document !== 'undefined') {
			document.removeEventListener('visibilitychange', this.#onVisible);
			window.removeEventListener('focus', this.#onVisible);
		}
	}

	/** Called after each change of data or time (not for update(), whose caller knows what it changed). */
	onChange(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Looks at the clock: moves the queue on, and reads the new day's data when the study day changed. */
	tick(now = this.#clock.now()): void {
		this.#now = now;
		const data = this.#data;
		if (this.#running && data && dayStart(now, data.settings.dayStartHour) !== data.since) this.#read();
		this.#arm();
		this.#notify();
	}

	/** Reads the data again: after a write whose effect in memory cannot be worked out (one that failed). */
	reload(): void {
		if (this.#running) this.#read();
	}

	/**
	 * Applies this tab's own write to card `cardId` to the data in memory, so the next card comes without
	 * a read; the queue moves that card alone. The write itself is not read back: what was written is what
	 * `change` applies (study-data.ts), and it changes nothing but that card and today's answers.
	 */
	update(cardId: string, change: (data: StudyData) => StudyData): void {
		this.#updates++;
		if (!this.#data) return;
		const data = change(this.#data);
		this.#plan?.update(cardId, data);
		this.#data = data;
	}

	#onVisible = () => {
		if (document.visibilityState === 'visible') this.tick();
	};

	/** Reads today's data; one read at a time, and again when something changed while it ran. */
	#read(): void {
		if (this.#reading) {
			this.#readAgain = true;
			return;
		}
		this.#reading = true;
		this.#readAgain = false;
		const updates = this.#updates;
		const started = performance.now();
		loadStudyData(this.#clock.now(), (id) => this.inDeck(id)).then(
			(data) => {
				this.#reading = false;
				if (!this.#running) return;
				// An own update or another tab's change came while reading: the result may lack it.
				if (this.#readAgain || updates !== this.#updates) return this.#read();
				this.#error = null;
				this.#now = this.#clock.now();
				this.#settings = data.settings;
				this.#plan = new QueuePlan(this.#cards, data, this.curve, this.#now);
				this.#data = data;
				// The read and the queue built from it (`queue:build`).
				void this.queue;
				measureSince('queue:build', started);
				this.#arm();
				this.#notify();
			},
			(error: unknown) => {
				this.#reading = false;
				this.#error = errorText(error);
			}
		);
	}

	#arm(): void {
		if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
		this.#timer = null;
		if (!this.#running) return;
		const queue = this.queue;
		const now = this.#now;
		const hour = this.#data?.settings.dayStartHour ?? DEFAULT_SETTINGS.dayStartHour;
		const wake = queue ? nextChange(queue, now, hour) : now + MAX_SLEEP;
		const delay = Math.min(MAX_SLEEP, Math.max(0, wake - now));
		this.#timer = this.#clock.setTimeout(() => {
			this.#timer = null;
			this.tick();
		}, delay);
	}

	#notify(): void {
		for (const listener of this.#listeners) listener();
	}
}
