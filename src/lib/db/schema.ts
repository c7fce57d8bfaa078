// The one Dexie database. Only src/lib/db/ imports Dexie.
// Times are epoch milliseconds. Add a new version() for any change; never edit an old one.
import Dexie, { type EntityTable } from 'dexie';
import { CARD_SET_TABLE, fillCardSet, keepCardSet } from './card-set.ts';
import { COUNTS_TABLE, fillAnswerCounts, keepAnswerCounts } from './counts.ts';
import type {
	AnswerCountRow,
	CardSetRow,
	CardFlagRow,
	CardStateRow,
	MetaRow,
	OutboxRow,
	QuizRow,
	ReviewRow,
	SettingRow
} from '../model.ts';

/**
 * The stores of schema versions 1 to 4, in order, as earlier versions of the app declared them. Version 5 (below)
 * changes them; the upgrade test builds a version 4 database from this same list.
 */
export const EARLIER_SCHEMAS: readonly Readonly<Record<string, string>>[] = [
	{
		reviews: 'id, cardId, reviewedAt, [cardId+reviewedAt]',
		cardStates: 'cardId, due, state',
		cardFlags: 'cardId',
		settings: 'key',
		quizzes: 'id, scope, startedAt, finishedAt',
		meta: 'key'
	},
	// The stats page counts answers by state and rating over a time range from this index alone,
	// without reading the rows (true retention, and the "made due" markers left out of daily counts).
	{ reviews: 'id, cardId, reviewedAt, [cardId+reviewedAt], [state+rating+reviewedAt]' },
	// Renamed cards (db/renames.ts): the quizzes that asked a card are found through its id. The new version
	// also closes tabs of older versions, which know nothing of renamed cards, before rows are moved.
	{ quizzes: 'id, scope, startedAt, finishedAt, *cardIds' },
	// Sync: what this device changed and has not yet sent to the sync server, in the order written
	// (db/outbox.ts writes it, db/sync.ts reads it). Filled only while sync is on.
	{ syncOutbox: '++seq, doc' }
];

export class StudyDatabase extends Dexie {
	reviews!: EntityTable<ReviewRow, 'id'>;
	cardStates!: EntityTable<CardStateRow, 'cardId'>;
	cardFlags!: EntityTable<CardFlagRow, 'cardId'>;
	settings!: EntityTable<SettingRow, 'key'>;
	quizzes!: EntityTable<QuizRow, 'id'>;
	meta!: EntityTable<MetaRow, 'key'>;
	syncOutbox!: EntityTable<OutboxRow, 'seq'>;
	answerCounts!: EntityTable<AnswerCountRow, 'day'>;
	cardSet!: EntityTable<CardSetRow, 'bucket'>;

	constructor(name = 'kz-tm-study') {
		super(name);
		for (const [i, stores] of EARLIER_SCHEMAS.entries()) this.version(i + 1).stores(stores);
		// Answer counts by day (db/counts.ts): every write of the log updates them in its own transaction, and the
		// stats read them instead of counting the log, so the index the stats counted over goes. The log keeps the
		// indexes its readers use: by time, and by card in time order (which also serves the reads by card alone,
		// as Dexie's virtual index on the first part of a compound one). The card set (db/card-set.ts) holds the
		// ids of the cards with a state in a few rows, kept by every write of the states, for today's review.
		// The upgrade counts the existing log and gathers the ids of the existing states.
		this.version(5)
			.stores({
				reviews: 'id, reviewedAt, [cardId+reviewedAt]',
				[COUNTS_TABLE]: 'day',
				[CARD_SET_TABLE]: 'bucket'
			})
			.upgrade(async (tx) => {
				await fillAnswerCounts(tx);
				await fillCardSet(tx);
			});
		keepAnswerCounts(this);
		keepCardSet(this);
	}
}
