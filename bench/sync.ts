// A first full sync, both ways, of the real collection's year of reviews and of the stress log: one device
// sends everything it holds to an empty account (push), a second, empty device takes it all (pull). The
// server is the real one (scripts/sync-server.ts, LevelDB on disk, in this process); the devices run the app's
// own sync code (db/sync.ts, sync/client.ts, sync/docs.ts, the batches of sync/engine.ts) over fake-indexeddb in
// Node, which is slower than a browser's IndexedDB: the figures are an upper bound.
// Run alone: BENCH_ONLY=sync npm run bench (SYNC_BENCH=real|stress for one collection).
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeck } from '../src/deck-compiler/load.ts';
import { StudyDatabase, useDatabase } from '../src/lib/db/index.ts';
import { applyArrived, changesToSend, clearSent, readSyncSetup, startSyncing } from '../src/lib/db/sync.ts';
import type { SrsSettings } from '../src/lib/model.ts';
import { DEFAULT_SETTINGS } from '../src/lib/srs/defaults.ts';
import { CouchClient, userDbName } from '../src/lib/sync/client.ts';
import { readChange, toDoc } from '../src/lib/sync/docs.ts';
import { addUser, startSyncServer } from '../scripts/sync-server.ts';
import { simulateDailyReview, simulateEachCard, type History } from '../scripts/bench/simulate.ts';
import { STRESS_CARDS } from '../scripts/bench/stress-content.ts';

const BATCH = 500;

export interface SyncFigures {
	reviews: number;
	pushMs: number;
	pullMs: number;
	docsOnServer: number;
}

function collection(name: 'real' | 'stress', end: number): { history: History; settings: SrsSettings } {
	if (name === 'real') {
		const deck = loadDeck(process.cwd());
		const settings = { ...DEFAULT_SETTINGS, desiredRetention: 0.94 };
		return {
			settings,
			history: simulateDailyReview({ cards: deck.cards, settings, days: 365, end, seed: 1 })
		};
	}
	const settings = { ...DEFAULT_SETTINGS, maximumInterval: 120 };
	const cardIds = Array.from({ length: STRESS_CARDS }, (_, i) => `stress-${i}`);
	return {
		settings,
		history: simulateEachCard({ cardIds, settings, days: 730, introduceOver: 520, end, seed: 2 })
	};
}

export async function benchSync(name: 'real' | 'stress'): Promise<SyncFigures> {
	const { history, settings } = collection(name, Date.now());
	const dataDir = mkdtempSync(join(tmpdir(), 'kz-tm-sync-bench-'));
	const admin = { name: 'admin', password: 'bench-admin-password' };
	const server = await startSyncServer({ port: 0, dataDir, admin, quiet: true });
	try {
		const db = await addUser(server.url, admin, 'learner', 'learner-password');
		// Node's fetch keeps no cookies: the session cookie is added to every request to the server.
		const login = await fetch(`${server.url}/_session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'learner', password: 'learner-password' })
		});
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
		const plain = globalThis.fetch;
		globalThis.fetch = (input, init = {}) =>
			plain(input, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });
		const client = new CouchClient(server.url + '/');
		const account = { server: server.url + '/', user: 'learner', db: userDbName('learner') };
		if (account.db !== db) throw new Error('the database names differ');

		// Device A holds the collection.
		const a = new StudyDatabase(`bench-a-${name}`);
		useDatabase(a);
		await a.settings.put({ key: 'srs', value: settings });
		for (let i = 0; i < history.reviews.length; i += 10_000)
			await a.reviews.bulkAdd(history.reviews.slice(i, i + 10_000));
		await a.cardStates.bulkAdd([...history.states.values()]);

		let started = performance.now();
		await startSyncing(account);
		const deviceA = (await readSyncSetup()).device;
		for (
			let batch = await changesToSend(deviceA, BATCH);
			batch;
			batch = await changesToSend(deviceA, BATCH)
		) {
			await client.bulkDocs(db, batch.changes.map(toDoc));
			await clearSent(batch.upTo);
		}
		const pushMs = performance.now() - started;
		a.close();

		// Device B starts empty and takes everything.
		const b = new StudyDatabase(`bench-b-${name}`);
		useDatabase(b);
		started = performance.now();
		await startSyncing(account);
		const deviceB = (await readSyncSetup()).device;
		const scopes = new Set(['mixed']);
		let since: string | null = null;
		for (;;) {
			const { results, lastSeq } = await client.changes(db, since, { limit: BATCH, wait: false });
			const changes = [];
			for (const row of results) {
				const read = readChange(row, scopes);
				if (!read.ok) throw new Error(read.message);
				if (read.change) changes.push(read.change);
			}
			await applyArrived(changes, lastSeq, deviceB);
			since = lastSeq;
			if (results.length < BATCH) break;
		}
		const pullMs = performance.now() - started;
		const got = await b.reviews.count();
		if (got !== history.reviews.length)
			throw new Error(`device B holds ${got} reviews, device A ${history.reviews.length}`);
		b.close();
		globalThis.fetch = plain;
		const info = (await (
			await plain(`${server.url}/${db}`, {
				headers: {
					authorization: 'Basic ' + Buffer.from(`${admin.name}:${admin.password}`).toString('base64')
				}
			})
		).json()) as { doc_count: number };
		return { reviews: history.reviews.length, pushMs, pullMs, docsOnServer: info.doc_count };
	} finally {
		await server.close();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

export async function runSyncBench(): Promise<Record<string, SyncFigures>> {
	const which = process.env.SYNC_BENCH as 'real' | 'stress' | undefined;
	const out: Record<string, SyncFigures> = {};
	for (const name of which ? [which] : (['real', 'stress'] as const)) {
		const f = await benchSync(name);
		out[name] = f;
		console.log(
			`sync ${name}: ${f.reviews.toLocaleString()} reviews; first full push ${Math.round(f.pushMs).toLocaleString()} ms, ` +
				`first full pull ${Math.round(f.pullMs).toLocaleString()} ms (${f.docsOnServer.toLocaleString()} documents on the server)`
		);
	}
	return out;
}
