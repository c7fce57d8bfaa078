// The app's one database instance. Other modules in db/ read and write through it.
import { announceChanges } from './changes.ts';
import { recoverOnOpen } from './journal.ts';
import { recordForSync } from './outbox.ts';
import { StudyDatabase } from './schema.ts';
import { notifySchemaUpgradeElsewhere } from '../pwa/schema-upgrade.ts';

export * from './schema.ts';

let instance: StudyDatabase | undefined;

/**
 * A newer version of the app in another tab wants to upgrade the schema: close ours so it is not
 * blocked, and keep it closed (no auto-reopen), so this tab cannot write to a database it no longer
 * understands; the listeners tell the user to reload.
 */
function closeOnUpgradeElsewhere(db: StudyDatabase): void {
	db.on('versionchange', () => {
		db.close({ disableAutoOpen: true });
		notifySchemaUpgradeElsewhere();
		// Stops Dexie's own handler (run after this one), which would close with auto-reopen, and a reopened
		// old tab would then read and write the newer schema.
		return false;
	});
}

/** Answers a reload cut off are written as the database opens, before any read (journal.ts). */
function recoverAnswersOnOpen(db: StudyDatabase): void {
	db.on('ready', (vip) => recoverOnOpen(vip as StudyDatabase), true);
}

/** The database, opened on first use. Tests may pass their own (fake-indexeddb) instance to useDatabase(). */
export function getDb(): StudyDatabase {
	if (!instance) {
		useDatabase(new StudyDatabase());
	}
	return instance!;
}

export function useDatabase(db: StudyDatabase): void {
	instance = db;
	closeOnUpgradeElsewhere(db);
	announceChanges(db);
	recordForSync(db);
	recoverAnswersOnOpen(db);
}
