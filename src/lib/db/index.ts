// The app's one database instance. Other modules in db/ read and write through it.
import { announceChanges } from './changes.ts';
import { recoverOnOpen } from './journal.ts';
import { renameOnOpen } from './renames.ts';
import { renamedCards } from '../deck/renamed.ts';
import { keepLogSize } from './marker.ts';
import { recordForSync } from './outbox.ts';
import { StudyDatabase } from './schema.ts';
import { notifySchemaUpgradeElsewhere } from '../pwa/schema-upgrade.ts';
import { OPEN_TIMEOUT_MS, reportStorageProblem, storageProblemOf } from '../errors.ts';
import { measureSince } from '../perf.ts';

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

/**
 * As the database opens, before any read: answers a reload cut off are written (journal.ts), then rows stored
 * under the ids of replaced cards move to the cards that replace them (renames.ts; an answer noted under an old
 * id moves too). Nothing to wait for when there is nothing to do.
 */
function recoverAnswersOnOpen(db: StudyDatabase, renames: ReadonlyMap<string, string>): void {
	db.on(
		'ready',
		(given) => {
			// Dexie passes the connection that may work while the open is under way; a subscriber it calls
			// late (added while 'ready' was being fired) gets nothing, and uses the same connection through db.vip.
			const vip = ((given as StudyDatabase | undefined) ?? db.vip) as StudyDatabase;
			const recovering = recoverOnOpen(vip);
			if (!recovering) return renameOnOpen(vip, renames);
			return recovering.then(() => renameOnOpen(vip, renames));
		},
		true
	);
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
	const started = performance.now();
	return db.open().then(
		() => {
			// Opening, with the work done as it opens (recovery, renames, the sync outbox): `db:open`.
			measureSince('db:open', started);
			clearTimeout(timer);
			reportStorageProblem(null);
		},
		(error: unknown) => {
			clearTimeout(timer);
			reportStorageProblem(storageProblemOf(error) ?? 'failed');
		}
	);
}

/**
 * Makes `db` the app's database. `renames` (old card id → new) are the deck's replaced cards; tests may give
 * their own.
 */
export function useDatabase(db: StudyDatabase, renames: ReadonlyMap<string, string> = renamedCards): void {
	instance = db;
	closeOnUpgradeElsewhere(db);
	announceChanges(db);
	keepLogSize(db);
	recordForSync(db);
	recoverAnswersOnOpen(db, renames);
}
