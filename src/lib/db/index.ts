// The app's one database instance. Other modules in db/ read and write through it.
import { StudyDatabase } from './schema.ts';

export * from './schema.ts';

let instance: StudyDatabase | undefined;

/** Listeners told when another tab upgrades the schema and this tab must reload. */
const blockedListeners = new Set<() => void>();

export function onSchemaUpgradeElsewhere(listener: () => void): () => void {
	blockedListeners.add(listener);
	return () => blockedListeners.delete(listener);
}

/** The database, opened on first use. Tests may pass their own (fake-indexeddb) instance to useDatabase(). */
export function getDb(): StudyDatabase {
	if (!instance) {
		instance = new StudyDatabase();
		// A newer version of the app in another tab wants to upgrade the schema: close ours so it is not
		// blocked, and tell the user to reload rather than let this tab write to a database it no longer has.
		instance.on('versionchange', () => {
			instance?.close();
			for (const listener of blockedListeners) listener();
			return false;
		});
	}
	return instance;
}

export function useDatabase(db: StudyDatabase): void {
	instance = db;
}
