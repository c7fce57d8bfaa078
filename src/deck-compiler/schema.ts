import * as v from 'valibot';

const text = v.pipe(
	v.string('must be text'),
	v.trim(),
	v.minLength(1, 'must not be empty'),
	v.maxLength(2000, 'is too long (2000 characters at most)')
);
const id = v.pipe(
	v.string('must be text'),
	v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens')
);

export const SourceFrontMatter = v.strictObject({
	id,
	title: text,
	short_title: v.pipe(text, v.maxLength(40, 'is too long (40 characters at most)')),
	title_note: v.optional(text),
	publisher: text,
	issue: v.optional(text),
	date: v.optional(text),
	attribution: text,
	licence: text,
	licence_url: v.optional(v.pipe(v.string(), v.url('must be a URL'))),
	mended: v.optional(text)
});

const Ref = v.strictObject({
	document: id,
	passage: id,
	quote: text
});

export const CardEntry = v.strictObject({
	id,
	question: text,
	answer: v.pipe(text, v.maxLength(200, 'is too long for an answer (200 characters at most)')),
	explanation: v.optional(text),
	background: v.optional(text),
	topics: v.optional(v.array(id)),
	refs: v.pipe(v.array(Ref), v.minLength(1, 'needs at least one reference')),
	choices: v.pipe(v.array(text), v.length(3, 'needs exactly 3 wrong choices')),
	accept: v.optional(v.array(text)),
	truefalse: v.optional(v.strictObject({ right: text, wrong: text })),
	/** Typed answers graded wrong however close they are to an accepted one. */
	reject: v.optional(v.array(text)),
	/** Cards whose answer this card's question or true statement may name, each with the reason. */
	allowReveal: v.optional(v.array(v.strictObject({ card: id, why: text }))),
	/** Why the question may run past 25 words or the answer past 8. */
	lengthWhy: v.optional(text),
	/** Ids of retired cards this card merges or renames: their progress counts for this card. */
	replaces: v.optional(v.array(id))
});

/** content/retired-ids.yaml: ids of cards dropped with no successor, never to be used again. */
export const RetiredFile = v.strictObject({
	retired: v.array(id)
});

export const CardFile = v.strictObject({
	topic: v.strictObject({
		id,
		title: text,
		description: text
	}),
	cards: v.array(v.unknown())
});

export type CardEntryInput = v.InferOutput<typeof CardEntry>;

/** Turns valibot issues into "field: message" lines. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
	return issues.map((issue) => {
		const path = v.getDotPath(issue);
		return path ? `${path} ${issue.message}` : issue.message;
	});
}
