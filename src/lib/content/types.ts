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
	/** Position in reading order: document order, then passage order, then file order. */
	order: number;
}

export interface Deck {
	documents: SourceDocument[];
	topics: Topic[];
	cards: Card[];
}
