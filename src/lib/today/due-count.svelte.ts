// Today's count of cards left (new, learning and to review) for the tab bar's Review tab and the installed
// app's icon badge. Read from today's queue like the home page; read again after every navigation (this tab's
// own answers are in memory elsewhere, in the screen that gave them) and when another tab writes.
import { cards } from '../deck/deck.ts';
import { TodayQueue } from './today.svelte.ts';

export class DueCount {
	readonly #today = new TodayQueue(cards);

	/** Null until today's data were read. */
	readonly count = $derived.by((): number | null => {
		const c = this.#today.queue?.counts;
		return c ? c.fresh + c.learning + c.review : null;
	});

	start(): void {
		this.#today.start();
	}

	/** Reads today's data again (after this tab changed them on another screen). */
	refresh(): void {
		this.#today.stop();
		this.#today.start();
	}

	stop(): void {
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
