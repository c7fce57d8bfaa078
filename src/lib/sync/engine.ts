// The sync loop, loaded only when sync is on: sends what this device changed (the outbox) with `_bulk_docs`,
// then takes what changed on the server since the last checkpoint from `_changes`, and waits there (a long
// poll) until something changes on either side. While the server cannot be reached it tries again after
// 1, 2, 4 … 60 seconds, and at once when the browser comes back online or on "Sync now". Every round starts
// from what the database holds (the outbox, the checkpoint), so a lost connection, a closed tab or a reload
// loses nothing: what was not confirmed is sent or taken again, and storing it again changes nothing.
import { documents, topics } from '../deck/deck.ts';
import {
	applyArrived,
	changesToSend,
	clearSent,
	markSynced,
	pendingCount,
	readSyncSetup,
	startSyncing,
	stopSyncing,
	type SyncAccount,
	type SyncChange
} from '../db/sync.ts';
import { watch } from '../db/live.ts';
import { CouchClient, SyncError, userDbName } from './client.ts';
import { readChange, toDoc } from './docs.ts';

/** Where the loop reports what it does (status.svelte.ts shows it). */
export interface SyncReport {
	on: boolean;
	user: string;
	server: string;
	phase: 'idle' | 'syncing' | 'synced' | 'offline' | 'error';
	syncedAt: number | null;
	pending: number;
	error: string;
	problems: string;
	retryAt: number;
}

const SEND_BATCH = 500;
const TAKE_BATCH = 500;
const MAX_WAIT = 60_000;

const scopes: ReadonlySet<string> = new Set([
	'mixed',
	...topics.map((t) => t.id),
	...documents.map((d) => d.id)
]);

export class SyncEngine {
	readonly #status: SyncReport;
	#running = false;
	#client: CouchClient | null = null;
	#account: SyncAccount | null = null;
	#device = '';
	#since: string | null = null;
	/** Aborts the long poll or the wait between tries, so that a new round starts now. */
	#wake: AbortController = new AbortController();
	#stopWatching: (() => void) | null = null;
	#loop: Promise<void> | null = null;

	constructor(status: SyncReport) {
		this.#status = status;
	}

	/** Starts syncing if it is on (after a reload, or after signing in). */
	async start(): Promise<void> {
		const setup = await readSyncSetup();
		this.#status.syncedAt = setup.syncedAt;
		if (!setup.on || !setup.account) {
			this.#status.on = false;
			return;
		}
		this.#account = setup.account;
		this.#device = setup.device;
		this.#since = setup.since;
		this.#client = new CouchClient(setup.account.server);
		this.#status.on = true;
		this.#status.user = setup.account.user;
		this.#status.server = setup.account.server;
		if (this.#running) return this.now();
		this.#running = true;
		this.#stopWatching = watch(pendingCount, (n) => {
			const before = this.#status.pending;
			this.#status.pending = n;
			// A new change while waiting on the server: send it now.
			if (n > before) this.now();
		});
		if (typeof window !== 'undefined') {
			window.addEventListener('online', this.#online);
			window.addEventListener('offline', this.#offline);
		}
		this.#loop = this.#run();
	}

	/** Stops the loop (signing out, or the page going away); what was not sent stays in the outbox. */
	async stop(): Promise<void> {
		this.#running = false;
		this.#stopWatching?.();
		this.#stopWatching = null;
		if (typeof window !== 'undefined') {
			window.removeEventListener('online', this.#online);
			window.removeEventListener('offline', this.#offline);
		}
		this.#wake.abort();
		await this.#loop?.catch(() => {});
		this.#loop = null;
	}

	/** "Sync now": ends a wait and starts a round. */
	now(): void {
		this.#wake.abort();
	}

	async signIn(server: string, user: string, password: string): Promise<void> {
		const client = new CouchClient(server);
		await client.signIn(user, password);
		const db = userDbName(user);
		// The learner's own database must be there and theirs: a first request says so before anything is noted.
		try {
			await client.changes(db, null, { limit: 1, wait: false });
		} catch (error) {
			if (error instanceof SyncError && (error.failure === 'signedOut' || error.failure === 'forbidden'))
				throw new SyncError(
					'forbidden',
					`Not allowed: “${user}” has no database of their own on this server`
				);
			throw error;
		}
		await this.stop();
		await startSyncing({ server, user, db });
		await this.start();
	}

	async signOut(): Promise<void> {
		const client = this.#client;
		await this.stop();
		await stopSyncing();
		this.#status.on = false;
		this.#status.pending = 0;
		this.#status.error = '';
		this.#status.problems = '';
		this.#status.phase = 'idle';
		this.#status.syncedAt = null;
		await client?.signOut().catch(() => {});
	}

	#online = () => this.now();
	#offline = () => {
		this.#status.phase = 'offline';
		this.now();
	};

	async #run(): Promise<void> {
		let failures = 0;
		let caughtUp = false;
		while (this.#running) {
			const wake = (this.#wake = new AbortController());
			try {
				if (typeof navigator !== 'undefined' && navigator.onLine === false) {
					this.#status.phase = 'offline';
					await this.#sleep(MAX_WAIT, wake.signal);
					continue;
				}
				// Waiting on the server with nothing to send is being up to date, not syncing.
				if (!caughtUp || this.#status.pending > 0 || this.#status.phase !== 'synced')
					this.#status.phase = 'syncing';
				const sent = await this.#send();
				const taken = await this.#take(caughtUp && !sent, wake.signal);
				caughtUp = taken < TAKE_BATCH;
				failures = 0;
				this.#status.error = '';
				if (caughtUp && this.#status.pending === 0) {
					const at = Date.now();
					await markSynced(at);
					this.#status.syncedAt = at;
					this.#status.phase = 'synced';
				}
			} catch (error) {
				if (!this.#running) break;
				if (wake.signal.aborted) continue;
				if (error instanceof SyncError && (error.failure === 'signedOut' || error.failure === 'forbidden')) {
					this.#status.phase = 'error';
					this.#status.error = await this.#explain(error);
					// Nothing more can be done until the learner signs in again.
					await this.#sleep(Infinity, wake.signal);
					continue;
				}
				failures++;
				const wait = Math.min(MAX_WAIT, 1000 * 2 ** (failures - 1));
				this.#status.phase = 'error';
				this.#status.error =
					error instanceof SyncError
						? `${error.message}; trying again in ${Math.round(wait / 1000)} s`
						: `Sync stopped on an error: ${error instanceof Error ? error.message : String(error)}; trying again in ${Math.round(wait / 1000)} s`;
				this.#status.retryAt = Date.now() + wait;
				await this.#sleep(wait, wake.signal);
			}
		}
	}

	async #explain(error: SyncError): Promise<string> {
		if (error.failure !== 'signedOut') return error.message;
		const user = await this.#client?.sessionUser().catch(() => null);
		return user
			? `Not allowed: “${user}” cannot use the database ${this.#account?.db ?? ''} on this server`
			: 'Signed out by the server: enter the password and sign in again. Your progress here is kept.';
	}

	#sleep(ms: number, signal: AbortSignal): Promise<void> {
		return new Promise((done) => {
			if (signal.aborted) return done();
			const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
			signal.addEventListener(
				'abort',
				() => {
					clearTimeout(timer);
					done();
				},
				{ once: true }
			);
		});
	}

	/** Sends the outbox, batch by batch; each batch is forgotten only once the server confirmed it. */
	async #send(): Promise<number> {
		let sent = 0;
		for (;;) {
			if (!this.#running) return sent;
			const batch = await changesToSend(this.#device, SEND_BATCH);
			if (!batch) return sent;
			if (batch.changes.length) await this.#client!.bulkDocs(this.#account!.db, batch.changes.map(toDoc));
			const reset = batch.changes.find((c) => c.kind === 'reset');
			await clearSent(batch.upTo, reset?.at);
			sent += batch.changes.length;
		}
	}

	/** Takes one batch of the server's changes and applies it; resolves to how many rows came. */
	async #take(wait: boolean, signal: AbortSignal): Promise<number> {
		const db = this.#account!.db;
		const { results, lastSeq } = await this.#client!.changes(db, this.#since, {
			limit: TAKE_BATCH,
			wait,
			signal
		});
		const changes: SyncChange[] = [];
		const problems: string[] = [];
		for (const row of results) {
			const read = readChange(row, scopes);
			if (!read.ok) problems.push(read.message);
			else if (read.change) changes.push(read.change);
		}
		if (results.length || lastSeq !== this.#since) {
			await applyArrived(changes, lastSeq, this.#device);
			this.#since = lastSeq;
		}
		if (problems.length) {
			this.#status.problems =
				problems.length === 1
					? `A document from the server was refused and changed nothing: ${problems[0]}.`
					: `${problems.length} documents from the server were refused and changed nothing; the first: ${problems[0]}.`;
		}
		if (results.length && results.length < TAKE_BATCH) {
			await this.#client!.putCheckpoint(db, `kz-tm-study-${this.#device}`, {
				last_seq: lastSeq,
				at: Date.now()
			}).catch(() => {});
		}
		return results.length;
	}
}
