import type { SrsSettings } from '../model.ts';
import { DEFAULT_SETTINGS, validateSettings, type SettingsErrors } from '../srs/settings.ts';
import { getDb, type StudyDatabase } from './index.ts';
import { rebuildAllStates } from './reviews.ts';

/** Settings-table key of the review settings (also their name in backups). */
export const SRS_SETTINGS_KEY = 'srs';
const KEY = SRS_SETTINGS_KEY;

/** The saved review settings, or the defaults; a stored value that no longer validates falls back to the defaults. */
export async function loadSettings(db: StudyDatabase = getDb()): Promise<SrsSettings> {
	const row = await db.settings.get(KEY);
	if (!row) return { ...DEFAULT_SETTINGS };
	const checked = validateSettings({ ...DEFAULT_SETTINGS, ...(row.value as object) });
	return checked.ok ? checked.settings : { ...DEFAULT_SETTINGS };
}

export type SaveResult =
	{ ok: true; settings: SrsSettings; rescheduled: number | null } | { ok: false; errors: SettingsErrors };

/**
 * Saves settings after validating every field; with any error nothing is saved. With `reschedule`, every
 * studied card's state is rebuilt from the review log under the new settings in the same transaction, so the
 * due dates already given follow the new retention, steps and maximum interval (`rescheduled` counts the
 * cards); without it the new settings apply from each card's next answer.
 */
export async function saveSettings(
	input: unknown,
	options: { reschedule?: boolean } = {}
): Promise<SaveResult> {
	const checked = validateSettings(input);
	if (!checked.ok) return checked;
	const db = getDb();
	const settings = checked.settings;
	if (!options.reschedule) {
		await db.settings.put({ key: KEY, value: settings });
		return { ok: true, settings, rescheduled: null };
	}
	return db.transaction('rw', db.settings, db.reviews, db.cardStates, async () => {
		await db.settings.put({ key: KEY, value: settings });
		const rescheduled = await rebuildAllStates(settings);
		return { ok: true as const, settings, rescheduled };
	});
}
