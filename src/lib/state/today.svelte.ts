// Today's queue as a screen shows it: kept live from the database (this tab's and other tabs' changes),
// with a timer that moves it on when a learning card comes due or a new study day begins.
import { watch } from '../db/live.ts';
import { loadStudyData, type StudyData } from '../db/study.ts';
import { dayStart } from '../srs/day.ts';
import { daySummary } from '../srs/progress.ts';
import { buildQueue, nextChange, type QueueCard } from '../srs/queue.ts';
import { makeScheduler } from '../srs/scheduler.ts';
import { DEFAULT_SETTINGS } from '../srs/settings.ts';
import { measureSince } from '../perf.ts';

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

export class TodayQueue {
	readonly #cards: readonly QueueCard[];
	readonly #clock: Clock;
	#data = $state.raw<StudyData | null>(null);
	#now = $state(0);
	#error = $state<string | null>(null);
	#unwatch: (() => void) | null = null;
	/** The study day the live query was started for; a new day needs a new query (today's reviews). */
	#watchedDay: number | null = null;
	#timer: unknown = null;
	// Not state: nothing renders the listeners.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#listeners = new Set<() => void>();

	constructor(cards: readonly QueueCard[], clock: Clock = systemClock) {
		this.#cards = cards;
		this.#clock = clock;
		this.#now = clock.now();
	}

	readonly scheduler = $derived(makeScheduler(this.#data?.settings ?? DEFAULT_SETTINGS));

	/** Null until the first read from the database. */
	readonly queue = $derived.by(() => {
		const data = this.#data;
		if (!data) return null;
		return buildQueue({
			cards: this.#cards,
			states: data.states,
			flags: data.flags,
			reviewsToday: data.reviewsToday,
			settings: data.settings,
			now: this.#now,
			scheduler: this.scheduler
		});
	});

	readonly summary = $derived(daySummary(this.#data?.reviewsToday ?? []));

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
		return this.#unwatch !== null;
	}

	/** Starts watching the database and the clock. Data from an earlier start stay shown until new data come. */
	start(): void {
		if (this.#unwatch) return;
		this.#now = this.#clock.now();
		this.#subscribe();
		this.#arm();
		if (typeof document !== 'undefined') {
			document.addEventListener('visibilitychange', this.#onVisible);
			window.addEventListener('focus', this.#onVisible);
		}
	}

	stop(): void {
		this.#unwatch?.();
		this.#unwatch = null;
		this.#watchedDay = null;
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

	/** Looks at the clock: moves the queue on, and starts a new day's query when the study day changed. */
	tick(now = this.#clock.now()): void {
		this.#now = now;
		const data = this.#data;
		if (this.#unwatch && data && dayStart(now, data.settings.dayStartHour) !== this.#watchedDay) {
			this.#subscribe();
		}
		this.#arm();
		this.#notify();
	}

	/**
	 * Applies this tab's own write to the data in memory at once, so the next card comes without a read;
	 * the live query then brings the same rows from the database (and any other tab's changes).
	 */
	update(change: (data: StudyData) => StudyData): void {
		if (this.#data) this.#data = change(this.#data);
	}

	#onVisible = () => {
		if (document.visibilityState === 'visible') this.tick();
	};

	#subscribe(): void {
		this.#unwatch?.();
		let readStart = 0;
		this.#unwatch = watch(
			() => {
				readStart = performance.now();
				return loadStudyData(this.#clock.now());
			},
			(data) => {
				this.#error = null;
				this.#data = data;
				// The read and the queue built from it (`queue:build`).
				void this.queue;
				measureSince('queue:build', readStart);
				this.#watchedDay = data.since;
				this.#now = this.#clock.now();
				this.#arm();
				this.#notify();
			},
			(error) => {
				this.#error = error instanceof Error ? error.message : String(error);
			}
		);
		// Until the first result the day is unknown; tick() must not start another query meanwhile.
		this.#watchedDay = this.#data ? dayStart(this.#clock.now(), this.#data.settings.dayStartHour) : null;
	}

	#arm(): void {
		if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
		this.#timer = null;
		if (!this.#unwatch) return;
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
