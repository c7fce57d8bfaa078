// Small facts about this browser's copy of the data (not synced, not in backups).
import { getDb } from './index.ts';

export type MetaKey = 'lastBackupAt' | 'backupReminderDismissedAt';

export async function getMetaTime(key: MetaKey): Promise<number | null> {
	const row = await getDb().meta.get(key);
	return typeof row?.value === 'number' ? row.value : null;
}

export async function setMetaTime(key: MetaKey, time: number): Promise<void> {
	await getDb().meta.put({ key, value: time });
}

/** Whether this browser syncs (signed in to a sync server): read before the sync code is loaded. */
export async function syncIsOn(): Promise<boolean> {
	return (await getDb().meta.get('syncOn'))?.value === true;
}
