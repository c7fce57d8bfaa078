// The app's one database instance. Other modules in db/ read and write through it.
import { announceChanges } from './changes.ts';
import { recoverOnOpen } from './journal.ts';
import { keepLogSize } from './marker.ts';
import { StudyDatabase } from './schema.ts';
import { notifySchemaUpgradeElsewhere } from '../pwa/schema-upgrade.ts';
import { OPEN_TIMEOUT_MS, reportStorageProblem, storageProblemOf } from '../errors.ts';

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
		watchOpening(instance!);
	}
	return instance!;
}

/**
 * Opens the database now, and reports in the app's words (errors.ts) when it cannot be opened, or has not
 * answered within `timeout` ms (another tab holding an older version open, a browser that hangs). A late
 * answer clears the report: the open is never cut short, as it may be a long schema upgrade. Resolves
 * when the open has settled; never rejects (each read hears the failure itself).
 */
export function watchOpening(db: StudyDatabase, timeout = OPEN_TIMEOUT_MS): Promise<void> {
	const timer = setTimeout(() => reportStorageProblem('timeout'), timeout);
	return db.open().then(
		() => {
			clearTimeout(timer);
			reportStorageProblem(null);
		},
		(error: unknown) => {
			clearTimeout(timer);
			reportStorageProblem(storageProblemOf(error) ?? 'failed');
		}
	);
}

export function useDatabase(db: StudyDatabase): void {
	instance = db;
	closeOnUpgradeElsewhere(db);
	announceChanges(db);
	keepLogSize(db);
	recoverAnswersOnOpen(db);
}
