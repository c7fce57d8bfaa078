// Today's count of cards left (new, learning and to review) for the tab bar's Review tab and the installed
// app's icon badge. While a screen runs today's queue (the review, the home page), the count is that queue's: one
// read of the day, and a count that moves with each answer given there. Otherwise the count reads the day itself,
// again after every navigation (the screen left may have answered cards) and when another tab writes.
import { cards } from '../deck/deck.ts';
import { onScreenQueue, screenQueue, TodayQueue } from './today.svelte.ts';

export class DueCount {
	readonly #today = new TodayQueue(cards, undefined, { counter: true });
	#started = false;
	#stopListening: (() => void) | null = null;

	/** Null until today's data were read (the count read last stays until a screen's queue has its own). */
	readonly count = $derived.by((): number | null => {
		const c = (screenQueue()?.queue ?? this.#today.queue)?.counts;
		return c ? c.fresh + c.learning + c.review : null;
	});

	/** Its own reads run only while no screen runs today's queue. */
	#follow(): void {
		if (!this.#started) return;
		if (screenQueue()) this.#today.stop();
		else this.#today.start();
	}

	start(): void {
		this.#started = true;
		this.#stopListening ??= onScreenQueue(() => this.#follow());
		this.#follow();
	}

	/** Reads today's data again (after this tab changed them on another screen). */
	refresh(): void {
		this.#today.stop();
		this.#follow();
	}

	stop(): void {
		this.#started = false;
		this.#stopListening?.();
		this.#stopListening = null;
		this.#today.stop();
	}
}

/**
 * Shows `count` on the installed app's icon where the Badging API exists (0 clears it). Returns whether
 * the browser took it; a browser without the API, or one that refuses (not installed), changes nothing.
 */
export async function setAppBadge(count: number): Promise<boolean> {
	const nav = typeof navigator === 'undefined' ? undefined : navigator;
	if (!nav || typeof nav.setAppBadge !== 'function') return false;
	try {
		if (count > 0) await nav.setAppBadge(count);
		else await nav.clearAppBadge();
		return true;
	} catch {
		return false;
	}
}
