import {
	DEFAULT_SETTINGS,
	validateSettings,
	type SettingsErrors,
	type SrsSettings
} from '../srs/settings.ts';
import { getDb } from './index.ts';

/** Settings-table key of the review settings (also their name in backups). */
export const SRS_SETTINGS_KEY = 'srs';
const KEY = SRS_SETTINGS_KEY;

/** The saved review settings, or the defaults; a stored value that no longer validates falls back to the defaults. */
export async function loadSettings(): Promise<SrsSettings> {
	const row = await getDb().settings.get(KEY);
	if (!row) return { ...DEFAULT_SETTINGS };
	const checked = validateSettings({ ...DEFAULT_SETTINGS, ...(row.value as object) });
	return checked.ok ? checked.settings : { ...DEFAULT_SETTINGS };
}

/** Saves settings after validating every field; with any error nothing is saved. */
export async function saveSettings(
	input: unknown
): Promise<{ ok: true; settings: SrsSettings } | { ok: false; errors: SettingsErrors }> {
	const checked = validateSettings(input);
	if (checked.ok) await getDb().settings.put({ key: KEY, value: checked.settings });
	return checked;
}
