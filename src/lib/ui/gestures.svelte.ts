// The review's optional gestures and feedback, kept per device (localStorage): a swipe on the card rates it
// (on unless turned off), and a short vibration on each rating (off unless turned on, where the device has one).
const KEY = 'kz-tm-study:gestures';

interface Saved {
	swipe: boolean;
	vibrate: boolean;
}

function read(): Saved {
	try {
		const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
		const saved = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Saved>;
		return { swipe: saved.swipe !== false, vibrate: saved.vibrate === true };
	} catch {
		return { swipe: true, vibrate: false };
	}
}

class Gestures {
	#saved = $state<Saved>(typeof localStorage === 'undefined' ? { swipe: true, vibrate: false } : read());

	/** Whether the device can vibrate (the Vibration API exists). */
	readonly canVibrate = typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function';

	get swipe(): boolean {
		return this.#saved.swipe;
	}
	set swipe(on: boolean) {
		this.#write({ ...this.#saved, swipe: on });
	}
	get vibrate(): boolean {
		return this.#saved.vibrate;
	}
	set vibrate(on: boolean) {
		this.#write({ ...this.#saved, vibrate: on });
	}

	/** A short buzz for a rating, when turned on and the device has a vibrator. */
	buzz(): void {
		if (this.#saved.vibrate && this.canVibrate) navigator.vibrate(12);
	}

	#write(saved: Saved): void {
		this.#saved = saved;
		try {
			localStorage.setItem(KEY, JSON.stringify(saved));
		} catch {
			// Storage blocked: the choice holds until the page is closed.
		}
	}
}

export const gestures = new Gestures();
