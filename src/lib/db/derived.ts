// One mechanism for the tables derived from another and kept by every write to it (the answer counts from the
// log, the card set from the card states): a Dexie middleware that adds the derived table to every write
// transaction on the source table and runs each write to the source, with its update of the derived table, one
// after another within a transaction, so that two writes never read and write one derived row at once.
import type {
	DBCore,
	DBCoreMutateRequest,
	DBCoreMutateResponse,
	DBCoreTable,
	DBCoreTransaction,
	Dexie
} from 'dexie';

/**
 * Keeps `derived` from every write to `source`. `write` makes one write to the source table and updates the
 * derived table in the same transaction.
 */
export function keepDerived(
	db: Dexie,
	source: string,
	derived: string,
	write: (
		source: DBCoreTable,
		derived: DBCoreTable,
		req: DBCoreMutateRequest
	) => Promise<DBCoreMutateResponse>
): void {
	const queues = new WeakMap<DBCoreTransaction, Promise<unknown>>();
	db.use({
		stack: 'dbcore',
		name: derived,
		create: (down: DBCore): DBCore => ({
			...down,
			transaction(stores, mode, options) {
				const take = mode === 'readwrite' && stores.includes(source) && !stores.includes(derived);
				return down.transaction(take ? [...stores, derived] : stores, mode, options);
			},
			table(name) {
				const table = down.table(name);
				if (name !== source) return table;
				return {
					...table,
					mutate(req) {
						const run = () => write(table, down.table(derived), req);
						const next = (queues.get(req.trans) ?? Promise.resolve()).then(run, run);
						queues.set(
							req.trans,
							next.catch(() => undefined)
						);
						return next;
					}
				};
			}
		})
	});
}
