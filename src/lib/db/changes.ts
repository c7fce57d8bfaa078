// Changes other tabs make to the database. A screen that applies its own writes in memory (today's queue) needs
// to hear only about everyone else's: after each of this tab's write transactions commits, the tables it changed
// are posted on a BroadcastChannel, which reaches the other tabs (and other connections) but never the sender.
// A Dexie middleware sees every write made through the connection, whichever module makes it.
import type { DBCoreTransaction, Dexie } from 'dexie';

export type ChangeListener = (tables: ReadonlySet<string>) => void;

interface Feed {
	channel: BroadcastChannel | null;
	listeners: Set<ChangeListener>;
}

const feeds = new WeakMap<Dexie, Feed>();

/** Makes `db` tell the other tabs about its writes, and hear about theirs. Call before the database opens. */
export function announceChanges(db: Dexie): void {
	if (feeds.has(db)) return;
	const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`${db.name}:changes`);
	// In Node (the unit tests) an open channel would keep the process alive.
	(channel as { unref?: () => void } | null)?.unref?.();
	const feed: Feed = { channel, listeners: new Set() };
	feeds.set(db, feed);
	channel?.addEventListener('message', (event: MessageEvent<{ tables?: unknown }>) => {
		const tables = Array.isArray(event.data?.tables) ? (event.data.tables as string[]) : [];
		for (const listener of feed.listeners) listener(new Set(tables));
	});

	/** The tables each open write transaction changed so far. */
	const written = new WeakMap<DBCoreTransaction, Set<string>>();
	db.use({
		stack: 'dbcore',
		name: 'announceChanges',
		create: (down) => ({
			...down,
			transaction(stores, mode, options) {
				const trans = down.transaction(stores, mode, options);
				if (mode === 'readwrite') {
					const tables = new Set<string>();
					written.set(trans, tables);
					const target = trans as unknown as Partial<EventTarget>;
					target.addEventListener?.(
						'complete',
						() => {
							if (tables.size) channel?.postMessage({ tables: [...tables] });
						},
						{ once: true }
					);
				}
				return trans;
			},
			table(name) {
				const table = down.table(name);
				return {
					...table,
					mutate(request) {
						written.get(request.trans)?.add(name);
						return table.mutate(request);
					}
				};
			}
		})
	});
}

/** Calls `listener` with the tables another tab (or another connection) changed, after each of its writes. */
export function onChangeElsewhere(db: Dexie, listener: ChangeListener): () => void {
	const feed = feeds.get(db);
	if (!feed) return () => {};
	feed.listeners.add(listener);
	return () => feed.listeners.delete(listener);
}

/**
 * Tells this tab's own listeners that `tables` changed, as if another tab had written them: for writes this tab
 * makes on another's behalf (the sync applying what arrived from the server), which a screen keeping its data
 * in memory has not made itself. Other tabs hear of them as of any write.
 */
export function announceHere(db: Dexie, tables: Iterable<string>): void {
	const feed = feeds.get(db);
	if (!feed) return;
	const changed = new Set(tables);
	if (!changed.size) return;
	for (const listener of feed.listeners) listener(changed);
}
