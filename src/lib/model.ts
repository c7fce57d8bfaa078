// The app's types: the deck as compiled from content/, the rows the database stores, the review settings.
// Imports nothing, so every layer (content compiler, pure logic, database, screens) can share it.

// ------------------------------------------------------------------------------------------------ the deck

/** The compiled deck: what the browser receives. Built from content/ at build time. */

export type PassageKind = 'title' | 'heading' | 'paragraph' | 'item';

export interface Passage {
	id: string;
	kind: PassageKind;
	text: string;
	/** Masthead, issue line, copyright, "See also": shown in the reader, never taught. */
	meta: boolean;
	/** Id of the heading this passage stands under, if any. */
	section?: string;
}

export interface SourceDocument {
	id: string;
	title: string;
	/** A label for quotes and buttons, e.g. "Magazine, 2022". */
	shortTitle: string;
	titleNote?: string;
	publisher: string;
	issue?: string;
	date?: string;
	attribution: string;
	licence: string;
	licenceUrl?: string;
	mended?: string;
	passages: Passage[];
}

export interface Topic {
	id: string;
	title: string;
	description: string;
}

export interface Ref {
	document: string;
	passage: string;
	/** An exact span of the passage's text that supports the answer. */
	quote: string;
}

export interface TrueFalse {
	/** A statement the sources make true. */
	right: string;
	/** A variant the sources make clearly false. */
	wrong: string;
}

export interface AllowReveal {
	/** The card whose answer may appear. */
	card: string;
	why: string;
}

export interface Card {
	id: string;
	question: string;
	answer: string;
	explanation?: string;
	/** Marked background: context beyond the two documents. */
	background?: string;
	/** The card file's own topic first, then any others. */
	topics: string[];
	refs: Ref[];
	/** Three wrong choices for multiple choice. */
	choices: string[];
	/** Accepted typed answers, the answer first; empty when the answer is too long to type. */
	accept: string[];
	truefalse?: TrueFalse;
	/** Typed answers graded wrong however close they are (absent: none). */
	reject?: string[];
	/** Cards whose answer this card's question or true statement may name, and why. */
	allowReveal?: AllowReveal[];
	/** Why the question or the answer may be longer than the deck's rule. */
	lengthWhy?: string;
	/** Ids of retired cards this card merges or renames: their progress is this card's. */
	replaces?: string[];
	/** Position in reading order: document order, then passage order, then file order. */
	order: number;
}

export interface Deck {
	documents: SourceDocument[];
	topics: Topic[];
	cards: Card[];
	/** Ids of cards dropped with no successor (content/retired-ids.yaml): never used again. */
	retired?: string[];
}

// --------------------------------------------------------------------------------------- stored progress
// Times are epoch milliseconds.

/** A rating the learner gives: 1 Again, 2 Hard, 3 Good, 4 Easy. */
export type Answer = 1 | 2 | 3 | 4;

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
	/**
	 * The due date the answer chose, when the load balancer or easy days moved its review from the day fuzz drew
	 * (db/reviews.ts, answerCard); absent otherwise. A replay of the log keeps it (srs/scheduler.ts, replayLog).
	 */
	scheduledDue?: number;
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

/**
 * A change this device made that the sync server has not yet had (db/outbox.ts): the document it changed, as
 * `r:<review id>`, `f:<card id>`, `s:<setting key>`, `q:<quiz id>` or `reset`, and when.
 */
export interface OutboxRow {
	seq?: number;
	doc: string;
	at: number;
}

/**
 * What one UTC day of the review log holds, counted (db/counts.ts): kept by every write of the log, in the same
 * transaction, so the stats read a few rows instead of counting answers. By quarter hour of the day (0–95, only
 * the quarters with answers), as `[answers, Again, Hard, Good, Easy, ms]`: the answers given (rating 0 rows are
 * not answers), the answers to cards in Review state by rating (true retention), and the time spent on the
 * answers. Quarter hours, because a study day begins on a whole local hour, and every time zone is a whole
 * number of quarter hours from UTC.
 */
export interface AnswerCountRow {
	/** Math.floor(time / 86,400,000). */
	day: number;
	quarters: Record<number, QuarterCounts>;
}

export type QuarterCounts = [
	answers: number,
	again: number,
	hard: number,
	good: number,
	easy: number,
	ms: number
];

/** Some of the ids of the cards that have a state (db/card-set.ts), kept by every write of the card states. */
export interface CardSetRow {
	/** Which of the rows (0–63), from a hash of the card id. */
	bucket: number;
	/** Sorted. */
	ids: string[];
}

/** An answer noted in localStorage until its write to the database settles (db/journal.ts). */
export interface PendingAnswer {
	id: string;
	cardId: string;
	rating: Answer;
	now: number;
	durationMs: number;
}

// ------------------------------------------------------------------------------------------- settings

export interface SrsSettings {
	/** Probability of recall the schedule aims for. */
	desiredRetention: number;
	newPerDay: number;
	maxReviewsPerDay: number;
	/** e.g. ['1m', '10m'] */
	learningSteps: string[];
	relearningSteps: string[];
	/** Longest interval, in days. */
	maximumInterval: number;
	fuzz: boolean;
	/** Local hour (0–23) at which a new study day begins. */
	dayStartHour: number;
	/** What happens to a leech (a card forgotten 8 times): suspended, or only marked as a leech. */
	leechAction: 'suspend' | 'tag';
	/** Within the fuzz range, a review goes to the day with the fewest cards already due. */
	loadBalance: boolean;
	/** Weekdays (0 Sunday … 6 Saturday) that get fewer reviews. */
	easyDays: number[];
	/** The 21 FSRS-6 parameters fitted to this learner's log (Optimize); null for FSRS's defaults. */
	parameters: number[] | null;
}
