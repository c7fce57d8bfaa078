// The review settings as stored: their row in the settings table, checked when read. Nothing here loads the
// scheduler, so that today's queue can read them with the first JavaScript.
import type { SettingRow, SrsSettings } from '../model.ts';
import { DEFAULT_SETTINGS } from '../srs/defaults.ts';
import type { StudyDatabase } from './schema.ts';

/** Settings-table key of the review settings (also their name in backups). */
export const SRS_SETTINGS_KEY = 'srs';

/** Checks stored review settings (srs/settings.ts, with valibot). */
export type SettingsValidator = (typeof import('../srs/settings.ts'))['validateSettings'];

/**
 * The validator, loaded apart from the first JavaScript of the screens that only read settings. Await it before
 * a transaction, never inside one: a transaction that waits for anything but the database ends.
 */
export function loadValidator(): Promise<SettingsValidator> {
	validator ??= import('../srs/settings.ts').then(
		(m) => m.validateSettings,
		(error: unknown) => {
			validator = undefined; // tried again on the next call
			throw error;
		}
	);
	return validator;
}
let validator: Promise<SettingsValidator> | undefined;

/** The review settings a settings row holds; the defaults when there is none or it no longer validates. */
export function settingsOf(row: SettingRow | undefined, validate: SettingsValidator): SrsSettings {
	if (!row) return { ...DEFAULT_SETTINGS };
	const checked = validate({ ...DEFAULT_SETTINGS, ...(row.value as object) });
	return checked.ok ? checked.settings : { ...DEFAULT_SETTINGS };
}

/** The saved review settings, or the defaults. Not inside a transaction (see loadValidator). */
export async function readSettings(db: StudyDatabase): Promise<SrsSettings> {
	const [row, validate] = await Promise.all([db.settings.get(SRS_SETTINGS_KEY), loadValidator()]);
	return settingsOf(row, validate);
}
