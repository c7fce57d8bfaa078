// Optimize and Evaluate on the settings screen: fit the FSRS parameters to the learner's log in a worker,
// show how well the current and the fitted parameters predict that log, and save the fitted ones only when the
// learner applies them (optionally rescheduling the cards studied, as saving settings can).
import { errorText } from '$lib/errors.ts';
import { loadSettings, saveSettings } from '$lib/db/settings.ts';
import { optimize, unavailable, type OptimizePhase, type OptimizeResult } from '$lib/optimizer/client.ts';

const PHASES: Record<OptimizePhase, [label: string, from: number, to: number]> = {
	reading: ['Reading your answers', 0, 0.1],
	loading: ['Loading the optimizer', 0.1, 0.15],
	fitting: ['Fitting the parameters', 0.15, 0.9],
	evaluating: ['Evaluating', 0.9, 1]
};

export class ParameterOptimizer {
	#running = $state(false);
	#progress = $state({ label: '', value: 0 });
	#result = $state.raw<OptimizeResult | null>(null);
	#message = $state('');
	#saved = $state.raw<number[] | null | undefined>(undefined);
	#saving = $state(false);
	#cancel: (() => void) | null = null;
	/** Whether applying also reschedules the cards studied (see saveSettings). */
	reschedule = $state(true);

	get running(): boolean {
		return this.#running;
	}
	get progress(): { label: string; value: number } {
		return this.#progress;
	}
	/** The last run's result, until it is applied or dismissed. */
	get result(): OptimizeResult | null {
		return this.#result;
	}
	/** What happened last, for a live region: a problem, or what was saved. */
	get message(): string {
		return this.#message;
	}
	/** The saved parameters: undefined while reading, null for FSRS's defaults. */
	get saved(): number[] | null | undefined {
		return this.#saved;
	}
	get saving(): boolean {
		return this.#saving;
	}

	async load(): Promise<void> {
		this.#saved = (await loadSettings()).parameters;
	}

	async run(): Promise<void> {
		if (this.#running) return;
		const why = unavailable();
		if (why) {
			this.#message = why;
			return;
		}
		this.#running = true;
		this.#result = null;
		this.#message = '';
		this.#progress = { label: PHASES.reading[0], value: 0 };
		const job = optimize((phase, value) => {
			const [label, from, to] = PHASES[phase];
			this.#progress = { label, value: from + (to - from) * value };
		});
		this.#cancel = job.cancel;
		try {
			const outcome = await job.done;
			if (outcome.ok) {
				this.#result = outcome.result;
				const { reviews, cards, sample, readMs, fitMs, totalMs } = outcome.result;
				const s = (ms: number) => (ms / 1000).toFixed(1);
				const n = (x: number) => x.toLocaleString('en');
				this.#message =
					`Optimized on ${n(reviews)} answers in ${s(totalMs)} s (reading ${s(readMs)} s, fitting ${s(fitMs)} s).` +
					(sample
						? ` Fitted to ${n(sample.reviews)} answers of ${n(sample.cards)} of your ${n(cards)} cards, chosen at random (a whole log this long would take minutes to fit); evaluated on all of them.`
						: '');
			} else this.#message = outcome.message;
		} finally {
			this.#running = false;
			this.#cancel = null;
		}
	}

	cancel(): void {
		this.#cancel?.();
	}

	/** Saves the fitted parameters (or FSRS's defaults, with null) into the review settings. */
	async apply(parameters: number[] | null): Promise<boolean> {
		if (this.#saving) return false;
		this.#saving = true;
		try {
			const settings = await loadSettings();
			const result = await saveSettings({ ...settings, parameters }, { reschedule: this.reschedule });
			if (!result.ok) {
				this.#message = `Nothing was saved: ${Object.values(result.errors).join(' ')}`;
				return false;
			}
			this.#saved = result.settings.parameters;
			this.#result = null;
			const n = result.rescheduled;
			const what = parameters ? 'The fitted parameters are saved' : 'FSRS’s default parameters are back';
			this.#message =
				n === null
					? `${what}; they apply from each card’s next answer.`
					: `${what}; ${n === 1 ? 'one studied card' : `${n} studied cards`} rescheduled.`;
			return true;
		} catch (error) {
			this.#message = `The parameters could not be saved: ${errorText(error)}`;
			return false;
		} finally {
			this.#saving = false;
		}
	}

	dismiss(): void {
		this.#result = null;
		this.#message = 'The fitted parameters were not applied.';
	}
}
