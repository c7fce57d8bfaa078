// Review settings: defaults, limits and validation. Pure.
import type { SrsSettings } from '../model.ts';

export const DEFAULT_SETTINGS: Readonly<SrsSettings> = Object.freeze({
	desiredRetention: 0.9,
	newPerDay: 10,
	maxReviewsPerDay: 200,
	learningSteps: ['1m', '10m'],
	relearningSteps: ['10m'],
	maximumInterval: 36500,
	fuzz: true,
	dayStartHour: 4
});

export type SettingsErrors = Partial<Record<keyof SrsSettings, string>>;

const STEP = /^([1-9]\d{0,3})(m|h|d)$/;

/** Parses "1m 10m" into steps; null when any step is not a number followed by m, h or d. */
export function parseSteps(text: string): string[] | null {
	const parts = text
		.trim()
		.split(/[\s,]+/)
		.filter(Boolean);
	if (parts.length > 10) return null;
	return parts.every((p) => STEP.test(p)) ? parts : null;
}

function wholeNumber(value: unknown, min: number, max: number): number | null {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/**
 * Checks every field of a settings object (from the form, storage or a backup file).
 * Returns the settings, or a message for each bad field; nothing is partially accepted.
 */
export function validateSettings(
	input: unknown
): { ok: true; settings: SrsSettings } | { ok: false; errors: SettingsErrors } {
	const errors: SettingsErrors = {};
	const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;

	const retention =
		typeof raw.desiredRetention === 'string' ? Number(raw.desiredRetention) : raw.desiredRetention;
	if (typeof retention !== 'number' || !Number.isFinite(retention) || retention < 0.7 || retention > 0.99) {
		errors.desiredRetention = 'Desired retention must be a number from 0.70 to 0.99.';
	}
	const newPerDay = wholeNumber(raw.newPerDay, 0, 9999);
	if (newPerDay === null) errors.newPerDay = 'New cards a day must be a whole number from 0 to 9999.';
	const maxReviews = wholeNumber(raw.maxReviewsPerDay, 0, 99999);
	if (maxReviews === null)
		errors.maxReviewsPerDay = 'Maximum reviews a day must be a whole number from 0 to 99999.';

	const steps = (value: unknown) =>
		Array.isArray(value)
			? value.every((s) => typeof s === 'string' && STEP.test(s)) && value.length <= 10
				? (value as string[])
				: null
			: typeof value === 'string'
				? parseSteps(value)
				: null;
	const learningSteps = steps(raw.learningSteps);
	if (!learningSteps) errors.learningSteps = 'Learning steps must be like “1m 10m”: numbers with m, h or d.';
	const relearningSteps = steps(raw.relearningSteps);
	if (!relearningSteps)
		errors.relearningSteps = 'Relearning steps must be like “10m”: numbers with m, h or d.';

	const maximumInterval = wholeNumber(raw.maximumInterval, 1, 36500);
	if (maximumInterval === null)
		errors.maximumInterval = 'Maximum interval must be a whole number of days from 1 to 36500.';
	if (typeof raw.fuzz !== 'boolean') errors.fuzz = 'Fuzz must be on or off.';
	const dayStartHour = wholeNumber(raw.dayStartHour, 0, 23);
	if (dayStartHour === null) errors.dayStartHour = 'The day must start at a whole hour from 0 to 23.';

	if (Object.keys(errors).length) return { ok: false, errors };
	return {
		ok: true,
		settings: {
			desiredRetention: Math.round((retention as number) * 100) / 100,
			newPerDay: newPerDay!,
			maxReviewsPerDay: maxReviews!,
			learningSteps: learningSteps!,
			relearningSteps: relearningSteps!,
			maximumInterval: maximumInterval!,
			fuzz: raw.fuzz as boolean,
			dayStartHour: dayStartHour!
		}
	};
}
