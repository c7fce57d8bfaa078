// The CouchDB HTTP API, as much of it as sync uses: `_session` (a cookie; the password is sent once, never
// kept), `_bulk_docs` with new_edits=false, `_changes` (long polling) and a checkpoint in a `_local` document.
// Every failure becomes a SyncError that says in words what went wrong.

export type SyncFailure =
	'unreachable' | 'signedOut' | 'wrongPassword' | 'forbidden' | 'badAnswer' | 'server';

export class SyncError extends Error {
	constructor(
		readonly failure: SyncFailure,
		message: string
	) {
		super(message);
		this.name = 'SyncError';
	}
}

/** The server's address as typed ("/couch/", or a full address), ending in "/". */
export function serverBase(server: string): string {
	const trimmed = server.trim() || '/couch/';
	return trimmed.endsWith('/') ? trimmed : trimmed + '/';
}

/** The learner's database, named as CouchDB's couch_peruser names it: userdb- and the name in hexadecimal. */
export function userDbName(user: string): string {
	return (
		'userdb-' + Array.from(new TextEncoder().encode(user), (b) => b.toString(16).padStart(2, '0')).join('')
	);
}

const isObject = (x: unknown): x is Record<string, unknown> =>
	!!x && typeof x === 'object' && !Array.isArray(x);

export class CouchClient {
	readonly base: string;
	constructor(server: string) {
		this.base = serverBase(server);
	}

	async request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<unknown> {
		const { json, ...rest } = init;
		let response: Response;
		let text: string;
		try {
			response = await fetch(this.base + path, {
				...rest,
				credentials: 'same-origin',
				cache: 'no-store',
				headers: {
					accept: 'application/json',
					...(json === undefined ? {} : { 'content-type': 'application/json' })
				},
				body: json === undefined ? rest.body : JSON.stringify(json)
			});
			text = await response.text();
		} catch (error) {
			if (error instanceof DOMException && error.name === 'AbortError') throw error;
			throw new SyncError('unreachable', 'The sync server cannot be reached');
		}
		// A proxy in front of a stopped server answers 502, 503 or 504.
		if (response.status === 502 || response.status === 503 || response.status === 504)
			throw new SyncError('unreachable', 'The sync server cannot be reached');
		let body: unknown;
		try {
			body = text ? JSON.parse(text) : null;
		} catch {
			if (response.status >= 500) throw new SyncError('unreachable', 'The sync server cannot be reached');
			throw new SyncError(
				'badAnswer',
				`The sync server answered with something other than JSON (status ${response.status})`
			);
		}
		// A proxy whose server is down answers 5xx with a body of its own, not CouchDB's JSON error.
		if (response.status >= 500 && !(isObject(body) && typeof body.error === 'string'))
			throw new SyncError('unreachable', 'The sync server cannot be reached');
		if (response.ok) return body;
		const reason =
			isObject(body) && typeof body.reason === 'string' ? body.reason : `status ${response.status}`;
		if (response.status === 401)
			throw new SyncError('signedOut', `The server no longer knows this device: sign in again (${reason})`);
		if (response.status === 403) throw new SyncError('forbidden', `Not allowed: ${reason}`);
		if (response.status === 404)
			throw new SyncError('forbidden', `Not allowed: the server has no database for this user (${reason})`);
		throw new SyncError('server', `The sync server refused the request: ${reason}`);
	}

	/** Signs in: the server sets its session cookie. */
	async signIn(user: string, password: string): Promise<void> {
		try {
			await this.request('_session', { method: 'POST', json: { name: user, password } });
		} catch (error) {
			if (error instanceof SyncError && error.failure === 'signedOut')
				throw new SyncError('wrongPassword', 'Wrong user name or password');
			throw error;
		}
	}

	/** The user the session cookie signs in, or null. */
	async sessionUser(): Promise<string | null> {
		const body = await this.request('_session');
		const ctx = isObject(body) && isObject(body.userCtx) ? body.userCtx : null;
		return ctx && typeof ctx.name === 'string' ? ctx.name : null;
	}

	async signOut(): Promise<void> {
		await this.request('_session', { method: 'DELETE' });
	}

	/** Stores documents as they are (new_edits=false): a document already there is not stored again. */
	async bulkDocs(db: string, docs: readonly object[]): Promise<void> {
		const body = await this.request(`${db}/_bulk_docs`, { method: 'POST', json: { docs, new_edits: false } });
		if (!Array.isArray(body))
			throw new SyncError('badAnswer', 'The sync server answered the upload with no list');
		const failed = body.find((r) => isObject(r) && typeof r.error === 'string') as
			Record<string, string> | undefined;
		if (failed) {
			const message = `the server refused “${failed.id}”: ${failed.reason ?? failed.error}`;
			if (failed.error === 'unauthorized') throw new SyncError('signedOut', message);
			if (failed.error === 'forbidden') throw new SyncError('forbidden', `Not allowed: ${message}`);
			throw new SyncError('server', `The upload failed: ${message}`);
		}
	}

	/** A batch of the changes since `since`; with `wait`, a long poll that answers when there is a change. */
	async changes(
		db: string,
		since: string | null,
		options: { limit: number; wait: boolean; signal?: AbortSignal }
	): Promise<{ results: unknown[]; lastSeq: string }> {
		const query = new URLSearchParams({ include_docs: 'true', limit: String(options.limit) });
		if (since !== null) query.set('since', since);
		if (options.wait) {
			query.set('feed', 'longpoll');
			query.set('timeout', '25000');
		}
		const body = await this.request(`${db}/_changes?${query}`, { signal: options.signal });
		if (
			!isObject(body) ||
			!Array.isArray(body.results) ||
			body.last_seq === undefined ||
			body.last_seq === null
		)
			throw new SyncError(
				'badAnswer',
				'The sync server answered the changes request with no list of changes'
			);
		const lastSeq = typeof body.last_seq === 'string' ? body.last_seq : JSON.stringify(body.last_seq);
		return { results: body.results, lastSeq };
	}

	/** Writes a checkpoint in a `_local` document (not replicated), as CouchDB replicators do. */
	async putCheckpoint(db: string, id: string, value: object): Promise<void> {
		const path = `${db}/_local/${encodeURIComponent(id)}`;
		let rev: string | undefined;
		try {
			const old = await this.request(path);
			if (isObject(old) && typeof old._rev === 'string') rev = old._rev;
		} catch (error) {
			if (!(error instanceof SyncError) || error.failure !== 'forbidden') throw error;
		}
		await this.request(path, { method: 'PUT', json: { ...value, ...(rev ? { _rev: rev } : {}) } });
	}
}
