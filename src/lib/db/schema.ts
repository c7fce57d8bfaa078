// The one Dexie database. Only src/lib/db/ imports Dexie.
// Times are epoch milliseconds. Add a new version() for any change; never edit an old one.
import Dexie, { type EntityTable } from 'dexie';
import type {
	CardFlagRow,
	CardStateRow,
	MetaRow,
	OutboxRow,
	QuizRow,
	ReviewRow,
	SettingRow
} from '../model.ts';

export class StudyDatabase extends Dexie {
	reviews!: EntityTable<ReviewRow, 'id'>;
	cardStates!: EntityTable<CardStateRow, 'cardId'>;
	cardFlags!: EntityTable<CardFlagRow, 'cardId'>;
	settings!: EntityTable<SettingRow, 'key'>;
	quizzes!: EntityTable<QuizRow, 'id'>;
	meta!: EntityTable<MetaRow, 'key'>;
	syncOutbox!: EntityTable<OutboxRow, 'seq'>;

	constructor(name = 'kz-tm-study') {
		super(name);
		this.version(1).stores({
			reviews: 'id, cardId, reviewedAt, [cardId+reviewedAt]',
			cardStates: 'cardId, due, state',
			cardFlags: 'cardId',
			settings: 'key',
			quizzes: 'id, scope, startedAt, finishedAt',
			meta: 'key'
		});
		// The stats page counts answers by state and rating over a time range from this index alone,
		// without reading the rows (true retention, and the "made due" markers left out of daily counts).
		this.version(2).stores({
			reviews: 'id, cardId, reviewedAt, [cardId+reviewedAt], [state+rating+reviewedAt]'
		});
		// Renamed cards (db/renames.ts): the quizzes that asked a card are found through its id. The new version
		// also closes tabs of older versions, which know nothing of renamed cards, before rows are moved.
		this.version(3).stores({
			quizzes: 'id, scope, startedAt, finishedAt, *cardIds'
		});
		// Sync: what this device changed and has not yet sent to the sync server, in the order written
		// (db/outbox.ts writes it, db/sync.ts reads it). Filled only while sync is on.
		this.version(4).stores({ syncOutbox: '++seq, doc' });
	}
}
