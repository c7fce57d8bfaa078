// The one Dexie database. Only src/lib/db/ imports Dexie.
// Times are epoch milliseconds. Add a new version() for any change; never edit an old one.
import Dexie, { type EntityTable } from 'dexie';

/** One answer in the daily review: the source of truth for scheduling. Append-only. */
export interface ReviewRow {
	/** crypto.randomUUID(); reviews from several devices merge as a set by id. */
	id: string;
	cardId: string;
	/**
	 * 1 Again, 2 Hard, 3 Good, 4 Easy. 0 is not an answer: the app set the card's due date
	 * (Add missed cards to review), so that a replay of the log reproduces it.
	 */
	rating: 0 | 1 | 2 | 3 | 4;
	/** When the answer was given. */
	reviewedAt: number;
	/** How long the card was shown before the answer, in ms (capped). */
	durationMs: number;
	/** What ts-fsrs logged: the card's state before this answer (for rating 0, the state it was set to). */
	state: number;
	due: number;
	stability: number;
	difficulty: number;
	elapsedDays: number;
	lastElapsedDays: number;
	scheduledDays: number;
	learningSteps: number;
}

/** A card's scheduling state: a cache of replaying its reviews through ts-fsrs. */
export interface CardStateRow {
	cardId: string;
	due: number;
	stability: number;
	difficulty: number;
	elapsedDays: number;
	scheduledDays: number;
	learningSteps: number;
	reps: number;
	lapses: number;
	/** ts-fsrs State: 0 New, 1 Learning, 2 Review, 3 Relearning. */
	state: number;
	lastReview: number | null;
}

/** What the learner decided about a card, apart from its schedule. */
export interface CardFlagRow {
	cardId: string;
	suspended: boolean;
	/** Buried ("skip until tomorrow") until this time; 0 when not buried. */
	buriedUntil: number;
	/** When this flag was last changed, so imports keep the newer one. */
	updatedAt: number;
}

export interface SettingRow {
	key: string;
	value: unknown;
}

export interface QuizAnswerRow {
	cardId: string;
	form: 'choice' | 'truefalse' | 'typed';
	/** What the learner answered, as shown to them. */
	given: string;
	correct: boolean;
	/** A typed answer right but for a small typo (it counts as correct). Absent means false. */
	nearly?: boolean;
}

export interface QuizRow {
	id: string;
	/** A topic id, a document id, or "mixed". */
	scope: string;
	seed: number;
	startedAt: number;
	/** null while the quiz is under way. */
	finishedAt: number | null;
	/** Card ids in the order asked. */
	cardIds: string[];
	answers: QuizAnswerRow[];
	/** Right answers; set when finished. */
	score: number;
	/** The quiz whose mistakes this one retries; such quizzes do not count towards best and last scores. */
	retryOf?: string;
}

export interface MetaRow {
	key: string;
	value: unknown;
}

export class StudyDatabase extends Dexie {
	reviews!: EntityTable<ReviewRow, 'id'>;
	cardStates!: EntityTable<CardStateRow, 'cardId'>;
	cardFlags!: EntityTable<CardFlagRow, 'cardId'>;
	settings!: EntityTable<SettingRow, 'key'>;
	quizzes!: EntityTable<QuizRow, 'id'>;
	meta!: EntityTable<MetaRow, 'key'>;

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
	}
}
