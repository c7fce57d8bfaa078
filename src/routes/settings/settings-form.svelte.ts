// The settings screen: the review settings as the form edits them (text), and Reset progress.
import { errorText } from '$lib/errors.ts';
import type { SrsSettings } from '$lib/model.ts';
import { getMetaTime } from '$lib/db/meta.ts';
import { progressSize, resetProgress } from '$lib/db/reviews.ts';
import { loadSettings, saveSettings } from '$lib/db/settings.ts';
import type { SettingsErrors } from '$lib/srs/settings.ts';

/** The form's fields: numbers and steps as typed, so that a bad value can be shown and corrected. */
export interface SettingsFields {
	desiredRetention: string;
	newPerDay: string;
	maxReviewsPerDay: string;
	learningSteps: string;
	relearningSteps: string;
	maximumInterval: string;
	fuzz: boolean;
	dayStartHour: string;
	leechAction: SrsSettings['leechAction'];
	loadBalance: boolean;
	easyDays: number[];
}

export function toFields(s: SrsSettings): SettingsFields {
	return {
		desiredRetention: s.desiredRetention.toFixed(2),
		newPerDay: String(s.newPerDay),
		maxReviewsPerDay: String(s.maxReviewsPerDay),
		learningSteps: s.learningSteps.join(' '),
		relearningSteps: s.relearningSteps.join(' '),
		maximumInterval: String(s.maximumInterval),
		fuzz: s.fuzz,
		dayStartHour: String(s.dayStartHour),
		leechAction: s.leechAction,
		loadBalance: s.loadBalance,
		easyDays: [...s.easyDays]
	};
}

export class SettingsForm {
	fields = $state<SettingsFields | null>(null);
	#errors = $state<SettingsErrors>({});
	#status = $state('');
	#saving = $state(false);
	/** Whether saving also reschedules the cards already studied (see saveSettings). */
	reschedule = $state(false);

	get errors(): SettingsErrors {
		return this.#errors;
	}
	/** What happened on the last save, for a live region. */
	get status(): string {
		return this.#status;
	}
	get saving(): boolean {
		return this.#saving;
	}

	async load(): Promise<void> {
		this.fields = toFields(await loadSettings());
	}

	/** Validates every field and saves all or nothing. Resolves to whether the settings were saved. */
	async save(): Promise<boolean> {
		if (!this.fields || this.#saving) return false;
		this.#saving = true;
		try {
			// The FSRS parameters are not in the form (Optimize sets them): the saved ones stay.
			const { parameters } = await loadSettings();
			const result = await saveSettings({ ...this.fields, parameters }, { reschedule: this.reschedule });
			if (result.ok) {
				this.#errors = {};
				this.fields = toFields(result.settings);
				this.reschedule = false;
				const n = result.rescheduled;
				this.#status =
					n === null
						? 'Settings saved.'
						: `Settings saved; ${n === 1 ? 'one studied card' : `${n} studied cards`} rescheduled.`;
			} else {
				this.#errors = result.errors;
				const n = Object.keys(result.errors).length;
				this.#status = `Nothing was saved: ${n === 1 ? 'one field needs' : `${n} fields need`} correcting.`;
			}
			return result.ok;
		} catch (error) {
			this.#status = `The settings could not be saved: ${errorText(error)}`;
			return false;
		} finally {
			this.#saving = false;
		}
	}
}

/** Reset progress: first what would be lost, then, once confirmed, the reset. */
export class ProgressReset {
	#size = $state<{ reviews: number; cards: number } | null>(null);
	#status = $state('');
	#busy = $state(false);

	/** What a reset would delete, read when the confirmation opens. */
	get size(): { reviews: number; cards: number } | null {
		return this.#size;
	}
	get status(): string {
		return this.#status;
	}
	get busy(): boolean {
		return this.#busy;
	}

	async prepare(): Promise<void> {
		this.#status = '';
		this.#size = await progressSize();
	}

	async confirm(): Promise<boolean> {
		if (this.#busy) return false;
		this.#busy = true;
		try {
			const size = this.#size ?? (await progressSize());
			await resetProgress();
			this.#status = `Progress reset: ${size.reviews} ${size.reviews === 1 ? 'review' : 'reviews'} deleted. Every card is new again.`;
			this.#size = null;
			return true;
		} catch (error) {
			this.#status = `Progress could not be reset: ${errorText(error)}`;
			return false;
		} finally {
			this.#busy = false;
		}
	}
}

/** When progress was last exported, for the storage section: undefined while reading, null for never. */
export class LastBackup {
	#at = $state<number | null | undefined>(undefined);

	get at(): number | null | undefined {
		return this.#at;
	}

	async load(): Promise<void> {
		this.#at = await getMetaTime('lastBackupAt').catch(() => null);
	}
}
