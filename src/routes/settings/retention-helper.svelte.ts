// The retention helper beside Desired retention: a year simulated under each desired retention with the
// learner's saved FSRS parameters, worked out when the learner opens it.
import { errorText } from '$lib/errors.ts';
import { loadSettings } from '$lib/db/settings.ts';
import { simulateRetention, type RetentionPoint } from '$lib/srs/retention-sim.ts';

export class RetentionHelper {
	#points = $state.raw<RetentionPoint[] | null>(null);
	#fitted = $state(false);
	#error = $state('');

	get points(): RetentionPoint[] | null {
		return this.#points;
	}
	/** Whether the simulation used parameters fitted to the learner's answers (else FSRS's defaults). */
	get fitted(): boolean {
		return this.#fitted;
	}
	get error(): string {
		return this.#error;
	}

	/** Simulates `cards` cards learned `newPerDay` a day (the form's values; the saved ones when they do not parse). */
	async simulate(cards: number, newPerDay: string, maximumInterval: string): Promise<void> {
		try {
			const saved = await loadSettings();
			const whole = (text: string, fallback: number) => (/^\d+$/.test(text.trim()) ? Number(text) : fallback);
			this.#fitted = saved.parameters !== null;
			this.#points = simulateRetention({
				parameters: saved.parameters,
				cards,
				newPerDay: Math.max(1, whole(newPerDay, saved.newPerDay)),
				maximumInterval: Math.max(1, whole(maximumInterval, saved.maximumInterval))
			});
			this.#error = '';
		} catch (error) {
			this.#error = `The simulation failed: ${errorText(error)}`;
		}
	}
}
