// Sync as the screens show it: whether it is on, what it is doing, and the one line that says so; and the
// actions (Sign in, Sync now, Sign out). The sync code itself (engine.ts) loads only when sync is on or
// the learner signs in.
import { errorText } from '../errors.ts';
import { syncIsOn } from '../db/meta.ts';
import { formatDateTime } from '../ui/format.ts';
import type { SyncEngine } from './engine.ts';

export type SyncPhase = 'idle' | 'syncing' | 'synced' | 'offline' | 'error';

export class SyncStatus {
	on = $state(false);
	user = $state('');
	server = $state('/couch/');
	phase = $state<SyncPhase>('idle');
	/** When the last round ended with nothing left to send or take. */
	syncedAt = $state<number | null>(null);
	/** Changes made here and not yet sent. */
	pending = $state(0);
	/** What stops sync now, in words. */
	error = $state('');
	/** Documents from the server that were refused (bad content), in words. */
	problems = $state('');
	retryAt = $state(0);

	/** The status line. */
	readonly line = $derived.by(() => {
		if (!this.on) return 'Sync is off: your progress stays on this device.';
		const waiting =
			this.pending > 0
				? ` ${this.pending === 1 ? 'One change waits' : `${this.pending} changes wait`} to be sent.`
				: '';
		if (this.phase === 'error') return `${this.error}.${waiting}`.replace('..', '.');
		if (this.phase === 'offline') return `Offline: sync goes on when the connection is back.${waiting}`;
		if (this.pending > 0) return `Sending ${this.pending === 1 ? 'one change' : `${this.pending} changes`}…`;
		if (this.phase === 'synced' && this.syncedAt !== null) return `Synced ${formatDateTime(this.syncedAt)}`;
		return 'Syncing…';
	});
}

export const syncStatus = new SyncStatus();

let engine: Promise<SyncEngine> | null = null;

function loadEngine(): Promise<SyncEngine> {
	engine ??= import('./engine.ts').then(
		(m) => new m.SyncEngine(syncStatus),
		(error: unknown) => {
			engine = null;
			throw error;
		}
	);
	return engine;
}

/** Starts syncing when this browser is signed in; loads nothing when it is not. */
export async function startSyncIfOn(): Promise<void> {
	// A database that cannot be read (the app's storage message says so) leaves sync off.
	if (!(await syncIsOn().catch(() => false))) return;
	syncStatus.on = true;
	await (await loadEngine()).start();
}

/** Signs in and starts syncing. Resolves to an error message, or null. */
export async function signIn(server: string, user: string, password: string): Promise<string | null> {
	try {
		await (await loadEngine()).signIn(server, user, password);
		return null;
	} catch (error) {
		return errorText(error);
	}
}

export async function syncNow(): Promise<void> {
	if (!syncStatus.on) return;
	(await loadEngine()).now();
}

/** Stops syncing; this device's progress stays. */
export async function signOut(): Promise<void> {
	await (await loadEngine()).signOut();
}
