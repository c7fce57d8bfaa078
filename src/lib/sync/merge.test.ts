import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { StudyDatabase, useDatabase } from '../db/index.ts';
import { allStates, answerCard, buryCard, resetProgress, setSuspended, undoReview } from '../db/reviews.ts';
import { saveSettings, loadSettings } from '../db/settings.ts';
import {
	applyArrived,
	changesToSend,
	clearSent,
	pendingCount,
	readSyncSetup,
	startSyncing
} from '../db/sync.ts';
import { DEFAULT_SETTINGS } from '../srs/defaults.ts';
import { readChange, toDoc, type CouchDoc } from './docs.ts';

const DAY = 86_400_000;
const t0 = new Date(2026, 2, 1, 9).getTime();
const scopes = new Set(['mixed']);

/** A CouchDB database as new_edits=false writes see it: per document, the winning revision. */
class FakeServer {
	docs = new Map<string, CouchDoc>();
	seq = 0;
	log: { seq: number; id: string }[] = [];
	bulkDocs(docs: CouchDoc[]): void {
		for (const doc of docs) {
			const old = this.docs.get(doc._id);
			const gen = (rev: string) => Number(rev.split('-')[0]);
			const wins =
				!old ||
				gen(doc._rev) > gen(old._rev) ||
				(gen(doc._rev) === gen(old._rev) && doc._rev > old._rev && !old._deleted);
			if (!wins) continue;
			this.docs.set(doc._id, doc);
			this.log = this.log.filter((l) => l.id !== doc._id);
			this.log.push({ seq: ++this.seq, id: doc._id });
		}
	}
	changes(since: number) {
		const rows = this.log
			.filter((l) => l.seq > since)
			.map((l) => {
				const doc = this.docs.get(l.id)!;
				return {
					id: l.id,
					seq: l.seq,
					deleted: doc._deleted || undefined,
					doc: JSON.parse(JSON.stringify(doc))
				};
			});
		return { rows, last: this.seq };
	}
}

/** A device: its own database; `use()` makes it the one the db/ functions work on. */
class Device {
	db = new StudyDatabase(`test-${crypto.randomUUID()}`);
	since = 0;
	use(): this {
		useDatabase(this.db);
		return this;
	}
	async signIn(): Promise<void> {
		this.use();
		await startSyncing({ server: '/couch/', user: 'learner', db: 'userdb-6c' });
	}
	async device(): Promise<string> {
		return (await readSyncSetup()).device;
	}
	/** Sends the outbox, then takes the server's changes: one round of the sync loop. */
	async sync(server: FakeServer): Promise<string[]> {
		this.use();
		const device = await this.device();
		for (let batch = await changesToSend(device, 3); batch; batch = await changesToSend(device, 3)) {
			server.bulkDocs(batch.changes.map(toDoc));
			await clearSent(batch.upTo, batch.changes.find((c) => c.kind === 'reset')?.at);
		}
		const { rows, last } = server.changes(this.since);
		const problems: string[] = [];
		const changes = [];
		for (const row of rows) {
			const read = readChange(row, scopes);
			if (!read.ok) problems.push(read.message);
			else if (read.change) changes.push(read.change);
		}
		await applyArrived(changes, String(last), device);
		this.since = last;
		return problems;
	}
	async log(): Promise<string[]> {
		return (await this.db.reviews.toArray()).map((r) => r.id).sort();
	}
}

async function twoDevices(): Promise<[Device, Device, FakeServer]> {
	const a = new Device();
	const b = new Device();
	await a.signIn();
	await b.signIn();
	return [a, b, new FakeServer()];
}

describe('sync merge rules', () => {
	it('merges two logs as a set: every answer once, and the same states on both devices', async () => {
		const [a, b, server] = await twoDevices();
		a.use();
		await answerCard('c1', 3, { now: t0, id: 'a1' });
		await answerCard('c2', 1, { now: t0 + 1000, id: 'a2' });
		await answerCard('c1', 3, { now: t0 + 2 * DAY, id: 'a3' });
		b.use();
		await answerCard('c3', 4, { now: t0, id: 'b1' });
		await answerCard('c1', 2, { now: t0 + DAY, id: 'b2' });

		await a.sync(server);
		await b.sync(server);
		await a.sync(server);
		// Sending and taking again changes nothing.
		await b.sync(server);
		await a.sync(server);

		expect(await a.log()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
		expect(await b.log()).toEqual(await a.log());
		a.use();
		const statesA = await allStates();
		b.use();
		expect(await allStates()).toEqual(statesA);
		// c1's log is the merged one: a1, b2, a3 in time order.
		expect(statesA.get('c1')!.reps).toBe(3);
		expect(server.docs.size).toBe(5);
		expect(await pendingCount()).toBe(0);
	});

	it('gives both devices the due dates the load balancer chose, and the log rows it wrote', async () => {
		const [a, b, server] = await twoDevices();
		a.use();
		// Ten new cards answered Easy at once go to the days of one fuzz range: the balancer spreads them.
		for (let i = 0; i < 10; i++) await answerCard(`c${i}`, 4, { now: t0 + i * 1000, id: `a${i}` });
		const rowsA = await a.db.reviews.orderBy('id').toArray();
		expect(rowsA.filter((r) => r.scheduledDue !== undefined).length).toBeGreaterThan(0);
		const statesA = await allStates();
		const moved = rowsA.find((r) => r.scheduledDue !== undefined)!;
		expect(statesA.get(moved.cardId)!.due).toBe(moved.scheduledDue);

		await a.sync(server);
		expect(server.docs.get(`r:${moved.id}`)!.scheduledDue).toBe(moved.scheduledDue);
		expect(await b.sync(server)).toEqual([]);
		b.use();
		expect(await allStates()).toEqual(statesA);
		expect(await b.db.reviews.orderBy('id').toArray()).toEqual(rowsA);
	});

	it('sends an Undo as a deletion that removes the answer on the other device and rebuilds its card', async () => {
		const [a, b, server] = await twoDevices();
		a.use();
		await answerCard('c1', 3, { now: t0, id: 'a1' });
		await answerCard('c2', 3, { now: t0, id: 'a2' });
		await a.sync(server);
		await b.sync(server);
		b.use();
		expect((await allStates()).has('c2')).toBe(true);

		a.use();
		await undoReview('a2');
		await a.sync(server);
		await b.sync(server);
		expect(await b.log()).toEqual(['a1']);
		b.use();
		expect((await allStates()).has('c2')).toBe(false);
		expect(server.docs.get('r:a2')!._deleted).toBe(true);
	});

	it('never lets an answer taken back before it was sent reach another device', async () => {
		const [a, b, server] = await twoDevices();
		a.use();
		await answerCard('c1', 3, { now: t0, id: 'gone' });
		await undoReview('gone');
		await a.sync(server);
		await b.sync(server);
		expect(await b.log()).toEqual([]);
	});

	it('keeps the flag written last, whichever device syncs first', async () => {
		const [a, b, server] = await twoDevices();
		a.use();
		await setSuspended('c1', true);
		await new Promise((r) => setTimeout(r, 5));
		b.use();
		await buryCard('c1', t0 + DAY);
		// B's later flag goes first; A's older one, sent after, does not replace it anywhere.
		await b.sync(server);
		await a.sync(server);
		await b.sync(server);
		for (const device of [a, b]) {
			const flag = await device.db.cardFlags.get('c1');
			expect(flag).toMatchObject({ suspended: false, buriedUntil: t0 + DAY });
		}
	});

	it('takes newer settings from the server, and keeps a newer change made here until it is sent', async () => {
		const [a, b, server] = await twoDevices();
		a.use();
		await saveSettings({ ...DEFAULT_SETTINGS, newPerDay: 7 });
		await a.sync(server);
		await b.sync(server);
		b.use();
		expect((await loadSettings()).newPerDay).toBe(7);

		await saveSettings({ ...DEFAULT_SETTINGS, newPerDay: 9 });
		await new Promise((r) => setTimeout(r, 5));
		a.use();
		await saveSettings({ ...DEFAULT_SETTINGS, newPerDay: 11 });
		// B takes before sending: its own newer-than-server change stays; then A's later one wins on both.
		await b.sync(server);
		await a.sync(server);
		await b.sync(server);
		b.use();
		expect((await loadSettings()).newPerDay).toBe(11);
		a.use();
		expect((await loadSettings()).newPerDay).toBe(11);
	});

	it('replicates Reset progress as a marker that drops the answers before it on every device', async () => {
		const [a, b, server] = await twoDevices();
		b.use();
		await answerCard('c1', 3, { now: t0, id: 'old' });
		await setSuspended('c2', true);
		await b.sync(server);
		await a.sync(server);
		expect(await a.log()).toEqual(['old']);

		a.use();
		await resetProgress();
		b.use();
		// An answer given on B after the reset stays.
		await answerCard('c3', 3, { now: Date.now() + 60_000, id: 'new' });
		await a.sync(server);
		await b.sync(server);
		await a.sync(server);
		expect(await b.log()).toEqual(['new']);
		expect(await a.log()).toEqual(['new']);
		expect(await b.db.cardFlags.count()).toBe(0);
		b.use();
		expect([...(await allStates()).keys()]).toEqual(['c3']);
	});

	it('refuses a bad document, which changes nothing, and keeps an answer to a card this deck lacks', async () => {
		const [a, , server] = await twoDevices();
		server.bulkDocs([
			{ _id: 'r:bad', _rev: '1-x', type: 'answer', cardId: 'c1', rating: 7, reviewedAt: t0, durationMs: 0 },
			{
				_id: 'f:c1',
				_rev: '1-x',
				type: 'flag',
				suspended: 'yes',
				buriedUntil: 0,
				updatedAt: t0,
				device: 'a'.repeat(20)
			},
			{
				_id: 'r:future',
				_rev: '1-x',
				type: 'answer',
				cardId: 'card-from-a-newer-deck',
				rating: 3,
				reviewedAt: t0,
				durationMs: 10
			}
		]);
		const problems = await a.sync(server);
		expect(problems).toHaveLength(2);
		expect(problems[0]).toContain('rating must be a whole number from 0 to 4');
		expect(problems[1]).toContain('suspended must be true or false');
		expect(await a.log()).toEqual(['future']);
		expect(await a.db.cardFlags.count()).toBe(0);
	});

	it('notes changes only while sync is on, and never notes what arrived from the server', async () => {
		const a = new Device().use();
		await answerCard('c1', 3, { now: t0, id: 'before' });
		expect(await a.db.syncOutbox.count()).toBe(0);
		await a.signIn();
		// Signing in notes everything held, once.
		expect(await pendingCount()).toBe(1);
		await answerCard('c1', 3, { now: t0 + DAY, id: 'after' });
		expect(await pendingCount()).toBe(2);
		const server = new FakeServer();
		server.bulkDocs([
			{ _id: 'r:theirs', _rev: '1-x', type: 'answer', cardId: 'c2', rating: 3, reviewedAt: t0, durationMs: 5 }
		]);
		await a.sync(server);
		expect(await pendingCount()).toBe(0);
		expect(await a.log()).toEqual(['after', 'before', 'theirs']);
	});
});
