// Small facts about this device's copy of the app, kept in the meta table.
import { getDb } from './index.ts';

/** Marks `key` as done; true only for the first caller ever (across tabs and sessions). */
export async function claimOnce(key: string): Promise<boolean> {
	const db = getDb();
	return db.transaction('rw', db.meta, async () => {
		if (await db.meta.get(key)) return false;
		await db.meta.put({ key, value: Date.now() });
		return true;
	});
}
