// The sync server for development, tests and a small self-hosted install: a CouchDB-compatible server
// (express-pouchdb over PouchDB with its LevelDB adapter), keeping its data on disk.
//
//   npm run sync-server                      serves on 127.0.0.1:$SYNC_PORT (5984)
//   npm run sync-server -- add-user NAME     creates a learner (password read from standard input)
//
// Environment: SYNC_PORT (5984), SYNC_HOST (127.0.0.1), SYNC_DATA (folder, default .sync-data/),
// SYNC_ADMIN and SYNC_ADMIN_PASSWORD (the server admin; needed on the first start, kept hashed after).
// Each learner gets a database of their own, userdb-<name in hex> (as CouchDB's couch_peruser names it),
// whose only member is that learner: no one else can read or write it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

export interface SyncServerOptions {
	port?: number;
	host?: string;
	dataDir?: string;
	admin?: { name: string; password: string };
	/** Quiet: no request log on standard output. */
	quiet?: boolean;
}

export interface RunningSyncServer {
	url: string;
	port: number;
	close(): Promise<void>;
}

/** The database of a learner, named as CouchDB's couch_peruser names it. */
export function userDbName(name: string): string {
	return `userdb-${Buffer.from(name, 'utf8').toString('hex')}`;
}

const SESSION_SECONDS = 14 * 24 * 3600;

function configPath(dataDir: string): string {
	return join(dataDir, 'config.json');
}

function hasAdmin(dataDir: string): boolean {
	const file = configPath(dataDir);
	if (!existsSync(file)) return false;
	const config = JSON.parse(readFileSync(file, 'utf8')) as { admins?: Record<string, string> };
	return Object.keys(config.admins ?? {}).length > 0;
}

let pouch: PouchDBStatic | undefined;
/** PouchDB with the LevelDB adapter and the plugins express-pouchdb relies on (registered once per process). */
function pouchWithPlugins(): PouchDBStatic {
	if (pouch) return pouch;
	pouch = require('pouchdb-core') as PouchDBStatic;
	pouch
		.plugin(require('pouchdb-adapter-leveldb'))
		.plugin(require('pouchdb-mapreduce'))
		.plugin(require('pouchdb-replication'));
	return pouch;
}

/** Starts the server; resolves once it listens. */
export async function startSyncServer(options: SyncServerOptions = {}): Promise<RunningSyncServer> {
	const dataDir = resolve(options.dataDir ?? process.env.SYNC_DATA ?? '.sync-data');
	const host = options.host ?? process.env.SYNC_HOST ?? '127.0.0.1';
	const port = options.port ?? Number(process.env.SYNC_PORT ?? 5984);
	const admin =
		options.admin ??
		(process.env.SYNC_ADMIN && process.env.SYNC_ADMIN_PASSWORD
			? { name: process.env.SYNC_ADMIN, password: process.env.SYNC_ADMIN_PASSWORD }
			: undefined);
	mkdirSync(join(dataDir, 'db'), { recursive: true });
	if (!admin && !hasAdmin(dataDir)) {
		throw new Error(
			'The sync server has no admin yet, and without one every visitor would be an admin. Start it once with ' +
				'SYNC_ADMIN=<name> SYNC_ADMIN_PASSWORD=<password> npm run sync-server (the password is kept hashed in ' +
				`${configPath(dataDir)}; later starts need neither).`
		);
	}

	// The configuration is written before the server reads it: an admin's password given here is hashed as the
	// server starts. A session lasts two weeks from its last request (CouchDB's default is ten minutes), so a
	// device that syncs now and then stays signed in without keeping the password.
	const file = configPath(dataDir);
	const config = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Record<
		string,
		Record<string, unknown>
	>;
	if (admin) config.admins = { ...config.admins, [admin.name]: admin.password };
	// The secret that signs session cookies is kept, so that sessions outlive a restart of the server.
	config.couch_httpd_auth = {
		secret: randomBytes(16).toString('hex'),
		...config.couch_httpd_auth,
		timeout: SESSION_SECONDS
	};
	writeFileSync(file, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });

	const express = require('express') as () => ExpressApp;
	const PouchDB = pouchWithPlugins();
	const Prefixed = PouchDB.defaults({ prefix: join(dataDir, 'db') + '/', adapter: 'leveldb' });
	const expressPouchDB = require('express-pouchdb') as (db: unknown, opts: object) => ExpressPouchApp;
	const pouchApp = expressPouchDB(Prefixed, {
		configPath: configPath(dataDir),
		logPath: join(dataDir, 'log.txt'),
		overrideMode: { exclude: ['routes/fauxton'] }
	});
	let actual = port;
	const app = express();
	app.disable('x-powered-by');
	if (!options.quiet) {
		app.use((req, _res, next) => {
			console.log(`${new Date().toISOString()} ${req.method} ${req.url}`);
			next();
		});
	}
	// The session cookie outlives a browser restart (express-pouchdb would give it a lifetime in seconds where
	// Express counts milliseconds), and is sent to this site alone.
	app.use((_req, res, next) => {
		const cookie = res.cookie.bind(res);
		res.cookie = ((name: string, value: string, options: object = {}) =>
			cookie(name, value, {
				...options,
				...(name === 'AuthSession' && value ? { maxAge: SESSION_SECONDS * 1000, sameSite: 'strict' } : {})
			})) as typeof res.cookie;
		next();
	});
	// Only the server admin creates or deletes a database (express-pouchdb would fall over on a learner's try).
	app.use(async (req, res, next) => {
		if ((req.method !== 'PUT' && req.method !== 'DELETE') || !/^\/[^_/][^/]*\/?$/.test(req.path))
			return next();
		const session = await fetch(`http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}/_session`, {
			headers: {
				cookie: req.headers.cookie ?? '',
				...(req.headers.authorization ? { authorization: req.headers.authorization } : {})
			}
		}).then(
			(r) => r.json() as Promise<{ userCtx?: { roles?: string[] } }>,
			() => ({}) as { userCtx?: { roles?: string[] } }
		);
		if (session.userCtx?.roles?.includes('_admin')) return next();
		res
			.status(401)
			.json({ error: 'unauthorized', reason: 'Only the server admin creates or deletes databases.' });
	});
	app.use('/', pouchApp as unknown as Handler);

	const server = await new Promise<Server>((done, fail) => {
		const s = app.listen(port, host, () => done(s));
		s.on('error', fail);
	});
	// Long polls of _changes wait up to a minute; the server must not cut them first.
	server.keepAliveTimeout = 65_000;
	server.requestTimeout = 0;
	const address = server.address();
	actual = typeof address === 'object' && address ? address.port : port;
	return {
		url: `http://${host}:${actual}`,
		port: actual,
		close: () =>
			new Promise<void>((done) => {
				server.closeAllConnections();
				server.close(() => done());
			})
	};
}

interface PouchDBStatic {
	plugin(plugin: unknown): PouchDBStatic;
	defaults(options: object): unknown;
}

// The little of Express 4 used here (its types are not installed).
interface Request {
	method: string;
	path: string;
	url: string;
	headers: Record<string, string | undefined>;
}
interface Response {
	cookie: (name: string, value: string, options?: object) => Response;
	status(code: number): Response;
	json(body: unknown): void;
}
type Handler = (req: Request, res: Response, next: () => void) => void;
interface ExpressApp {
	disable(setting: string): void;
	use(handler: Handler): void;
	use(path: string, handler: Handler): void;
	listen(port: number, host: string, ready: () => void): Server;
}

interface ExpressPouchApp {
	couchConfig: unknown;
}

async function readPassword(): Promise<string> {
	if (process.stdin.isTTY) process.stderr.write('Password (then Enter): ');
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) {
		chunks.push(chunk as Buffer);
		if (process.stdin.isTTY && chunk.includes(10)) break;
	}
	return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function call(url: string, auth: string, method: string, path: string, body?: unknown) {
	const response = await fetch(url + path, {
		method,
		headers: { authorization: auth, 'content-type': 'application/json', accept: 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await response.text();
	return { status: response.status, body: text };
}

/**
 * Creates a learner in `_users`, with a database of their own whose only member is that learner. Talks to the
 * server at `url` as its admin.
 */
export async function addUser(
	url: string,
	admin: { name: string; password: string },
	name: string,
	password: string
): Promise<string> {
	if (!/^[^_:][^:]{0,99}$/.test(name))
		throw new Error(`“${name}” cannot be a user name: no leading “_”, no “:”`);
	if (password.length < 8) throw new Error('The password must have at least 8 characters');
	const auth = 'Basic ' + Buffer.from(`${admin.name}:${admin.password}`).toString('base64');
	const id = `org.couchdb.user:${name}`;
	const existing = await call(url, auth, 'GET', `/_users/${encodeURIComponent(id)}`);
	if (existing.status === 401) throw new Error('The server refused the admin name or password');
	const rev = existing.status === 200 ? (JSON.parse(existing.body) as { _rev: string })._rev : undefined;
	const user = await call(url, auth, 'PUT', `/_users/${encodeURIComponent(id)}`, {
		_id: id,
		...(rev ? { _rev: rev } : {}),
		name,
		password,
		roles: [],
		type: 'user'
	});
	if (user.status >= 300) throw new Error(`The user could not be saved: ${user.status} ${user.body}`);
	const db = userDbName(name);
	const created = await call(url, auth, 'PUT', `/${db}`);
	if (created.status >= 300 && created.status !== 412)
		throw new Error(`The database could not be created: ${created.status} ${created.body}`);
	const security = await call(url, auth, 'PUT', `/${db}/_security`, {
		admins: { names: [], roles: [] },
		members: { names: [name], roles: [] }
	});
	if (security.status >= 300) throw new Error(`The database could not be made private: ${security.body}`);
	return db;
}

async function main(): Promise<void> {
	const [command, name] = process.argv.slice(2);
	if (command === 'add-user') {
		if (!name) throw new Error('Usage: npm run sync-server -- add-user NAME   (password on standard input)');
		const adminName = process.env.SYNC_ADMIN;
		const adminPassword = process.env.SYNC_ADMIN_PASSWORD;
		if (!adminName || !adminPassword)
			throw new Error('Set SYNC_ADMIN and SYNC_ADMIN_PASSWORD to the server admin’s name and password');
		const admin = { name: adminName, password: adminPassword };
		const password = await readPassword();
		let url = process.env.SYNC_URL ?? `http://127.0.0.1:${process.env.SYNC_PORT ?? 5984}`;
		let local: RunningSyncServer | undefined;
		const running = await fetch(url + '/').then(
			(r) => r.ok,
			() => false
		);
		// No server running: start one on this data folder for the time it takes.
		if (!running) {
			local = await startSyncServer({ port: 0, admin, quiet: true });
			url = local.url;
		}
		try {
			const db = await addUser(url, admin, name, password);
			console.log(`User “${name}” created, with the database ${db}.`);
		} finally {
			await local?.close();
		}
		return;
	}
	if (command) throw new Error(`Unknown command “${command}”; the one command is add-user NAME`);
	const server = await startSyncServer();
	console.log(`Sync server (CouchDB API) on ${server.url}`);
	const stop = () => void server.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
