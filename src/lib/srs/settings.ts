// Review settings: their limits and validation (valibot). Pure. The defaults are in defaults.ts, which
// the review screen loads without the validator.
import type { SrsSettings } from '../model.ts';
import * as v from 'valibot';

export type SettingsErrors = Partial<Record<keyof SrsSettings, string>>;

/** What each field must be: the one message for any problem with it, missing included. */
const MESSAGES: Required<SettingsErrors> = {
	desiredRetention: 'Desired retention must be a number from 0.70 to 0.99.',
	newPerDay: 'New cards a day must be a whole number from 0 to 9999.',
	maxReviewsPerDay: 'Maximum reviews a day must be a whole number from 0 to 99999.',
	learningSteps: 'Learning steps must be like “1m 10m”: numbers with m, h or d.',
	relearningSteps: 'Relearning steps must be like “10m”: numbers with m, h or d.',
	maximumInterval: 'Maximum interval must be a whole number of days from 1 to 36500.',
	fuzz: 'Fuzz must be on or off.',
	dayStartHour: 'The day must start at a whole hour from 0 to 23.',
	leechAction: 'A leech must be suspended or only tagged.',
	loadBalance: 'Load balancing must be on or off.',
	easyDays: 'Easy days must be weekdays, each once.',
	parameters: 'The FSRS parameters must be 21 finite numbers, or none for the defaults.'
};

/** How many parameters FSRS-6 has. */
export const PARAMETER_COUNT = 21;

/** A number, or the text of one (as the form gives it). */
const number = v.pipe(
	v.unknown(),
	v.transform((x) => (typeof x === 'string' && x.trim() !== '' ? Number(x) : x)),
	v.number(),
	v.finite()
);
const whole = (min: number, max: number) => v.pipe(number, v.integer(), v.minValue(min), v.maxValue(max));
const stepList = v.pipe(v.array(v.pipe(v.string(), v.regex(/^([1-9]\d{0,3})(m|h|d)$/))), v.maxLength(10));
/** Steps as a list, or as text like "1m, 10m 1d". */
const steps = v.union([
	stepList,
	v.pipe(
		v.string(),
		v.transform((text) => text.split(/[\s,]+/).filter(Boolean)),
		stepList
	)
]);

/** The fields of the settings; keys a backup may not have are the caller's to refuse. */
export const SettingsSchema = v.object({
	desiredRetention: v.pipe(
		number,
		v.minValue(0.7),
		v.maxValue(0.99),
		v.transform((r) => Math.round(r * 100) / 100)
	),
	newPerDay: whole(0, 9999),
	maxReviewsPerDay: whole(0, 99999),
	learningSteps: steps,
	relearningSteps: steps,
	maximumInterval: whole(1, 36500),
	fuzz: v.boolean(),
	dayStartHour: whole(0, 23),
	// Added later than the fields above: a backup written before them has none, and gets the defaults.
	leechAction: v.optional(v.picklist(['suspend', 'tag']), 'suspend'),
	loadBalance: v.optional(v.boolean(), true),
	easyDays: v.optional(
		v.pipe(
			v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))),
			v.maxLength(7),
			v.check((days) => new Set(days).size === days.length),
			v.transform((days) => [...days].sort((a, b) => a - b))
		),
		() => []
	),
	parameters: v.optional(
		v.nullable(
			v.pipe(
				v.array(v.pipe(v.number(), v.finite())),
				v.length(PARAMETER_COUNT),
				v.transform((w) => [...w])
			)
		),
		null
	)
});
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameType: Same<v.InferOutput<typeof SettingsSchema>, SrsSettings> = true;
void sameType;

/** The message for each field that has an issue, in the fields' order. */
export function settingsErrors(issues: readonly v.BaseIssue<unknown>[]): SettingsErrors {
	const errors: SettingsErrors = {};
	for (const issue of issues) {
		const key = issue.path?.[0]?.key;
		if (typeof key === 'string' && Object.hasOwn(MESSAGES, key)) {
			errors[key as keyof SrsSettings] = MESSAGES[key as keyof SrsSettings];
		}
	}
	return errors;
}

/** Parses "1m 10m" into steps; null when any step is not a number followed by m, h or d. */
export function parseSteps(text: string): string[] | null {
	const parsed = v.safeParse(steps, text);
	return parsed.success ? parsed.output : null;
}

/**
 * Checks every field of a settings object (from the form, storage or a backup file).
 * Returns the settings, or a message for each bad field; nothing is partially accepted.
 */
export function validateSettings(
	input: unknown
): { ok: true; settings: SrsSettings } | { ok: false; errors: SettingsErrors } {
	const parsed = v.safeParse(SettingsSchema, input && typeof input === 'object' ? input : {});
	return parsed.success
		? { ok: true, settings: parsed.output }
		: { ok: false, errors: settingsErrors(parsed.issues) };
}
