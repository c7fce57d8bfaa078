// A clock for tests: time moves only when the test says, and due timers fire then.
import type { Clock } from '../../src/lib/today/today.svelte.ts';

export class TestClock implements Clock {
	#timers: { at: number; fn: () => void }[] = [];
	constructor(public time: number) {}

	now(): number {
		return this.time;
	}
	setTimeout(fn: () => void, ms: number): unknown {
		const timer = { at: this.time + ms, fn };
		this.#timers.push(timer);
		return timer;
	}
	clearTimeout(handle: unknown): void {
		this.#timers = this.#timers.filter((t) => t !== handle);
	}
	/** When the next timer is due, if any. */
	get nextTimer(): number | null {
		return this.#timers.length ? Math.min(...this.#timers.map((t) => t.at)) : null;
	}
	/** Moves time on (or back) and fires the timers that are then due, once each. */
	set(time: number): void {
		this.time = time;
		const due = this.#timers.filter((t) => t.at <= time);
		this.#timers = this.#timers.filter((t) => t.at > time);
		for (const t of due) t.fn();
	}
	advance(ms: number): void {
		this.set(this.time + ms);
	}
}
