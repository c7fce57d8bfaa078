import { parse as parseYaml } from 'yaml';
import * as v from 'valibot';
import { CardEntry, CardFile, describeIssues, RetiredFile } from './schema.ts';
import { parseSource } from './parse-source.ts';
import type { Card, Deck, SourceDocument, Topic } from '../lib/model.ts';

export interface ContentFile {
	/** Path shown in error messages, e.g. content/cards/energy.yaml */
	file: string;
	text: string;
}

export class ContentError extends Error {
	constructor(readonly problems: string[]) {
		super(`The content has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
		this.name = 'ContentError';
	}
}

/** Case, spacing and punctuation do not make two choices different. */
export function sameWords(a: string, b: string): boolean {
	const key = (s: string) =>
		s
			.normalize('NFKD')
			.replace(/\p{M}/gu, '')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}]+/gu, ' ')
			.trim();
	return key(a) === key(b);
}

function duplicatesAmong(values: string[]): string[] {
	const found: string[] = [];
	values.forEach((a, i) => {
		if (values.slice(i + 1).some((b) => sameWords(a, b))) found.push(a);
	});
	return found;
}

/** The ids content/retired-ids.yaml lists (none when there is no such file). */
function readRetired(file: ContentFile | undefined, problems: string[]): string[] {
	if (!file) return [];
	let data: unknown;
	try {
		data = parseYaml(file.text);
	} catch (e) {
		problems.push(`${file.file}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
		return [];
	}
	const parsed = v.safeParse(RetiredFile, data);
	if (!parsed.success) {
		for (const line of describeIssues(parsed.issues)) problems.push(`${file.file}: ${line}`);
		return [];
	}
	for (const d of new Set(parsed.output.retired.filter((id, i, all) => all.indexOf(id) !== i)))
		problems.push(`${file.file}: ${d} is listed twice`);
	return [...new Set(parsed.output.retired)];
}

/**
 * Parses and checks every source and card file, and the list of retired card ids (`retiredFile`,
 * content/retired-ids.yaml); throws ContentError listing every problem found.
 */
export function compileDeck(
	sourceFiles: ContentFile[],
	cardFiles: ContentFile[],
	retiredFile?: ContentFile
): Deck {
	const problems: string[] = [];
	const retired = readRetired(retiredFile, problems);
	const documents: SourceDocument[] = [];
	for (const { file, text } of sourceFiles) {
		const { document, errors } = parseSource(file, text);
		problems.push(...errors);
		if (!document) continue;
		if (documents.some((d) => d.id === document.id)) {
			problems.push(`${file}: document id ${document.id} is used by another document`);
			continue;
		}
		documents.push(document);
	}

	const topics: Topic[] = [];
	const entries: {
		file: string;
		fileIndex: number;
		topic: string;
		entry: v.InferOutput<typeof CardEntry>;
	}[] = [];
	cardFiles.forEach(({ file, text }, fileIndex) => {
		let data: unknown;
		try {
			data = parseYaml(text);
		} catch (e) {
			problems.push(`${file}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
			return;
		}
		const parsedFile = v.safeParse(CardFile, data);
		if (!parsedFile.success) {
			for (const line of describeIssues(parsedFile.issues)) problems.push(`${file}: ${line}`);
			return;
		}
		const topic = parsedFile.output.topic;
		if (topics.some((t) => t.id === topic.id)) {
			problems.push(`${file}: topic ${topic.id} is declared by another card file`);
			return;
		}
		if (documents.some((d) => d.id === topic.id)) {
			problems.push(`${file}: topic ${topic.id} has the same id as a document`);
		}
		topics.push(topic);
		parsedFile.output.cards.forEach((raw, i) => {
			const parsed = v.safeParse(CardEntry, raw);
			if (!parsed.success) {
				const label =
					raw && typeof raw === 'object' && 'id' in raw ? `card ${String(raw.id)}` : `card #${i + 1}`;
				for (const line of describeIssues(parsed.issues)) problems.push(`${file}: ${label}: ${line}`);
				return;
			}
			entries.push({ file, fileIndex, topic: topic.id, entry: parsed.output });
		});
	});

	const cardIds = new Set<string>();
	const placed: { card: Omit<Card, 'order'>; key: number[] }[] = [];
	for (const { file, fileIndex, topic, entry } of entries) {
		const fail = (message: string) => problems.push(`${file}: card ${entry.id}: ${message}`);
		if (cardIds.has(entry.id)) fail('id is used by another card');
		cardIds.add(entry.id);

		const cardTopics = [topic, ...(entry.topics ?? []).filter((t) => t !== topic)];
		if (new Set(cardTopics).size !== cardTopics.length) fail('lists a topic twice');

		let key = [Number.MAX_SAFE_INTEGER, 0];
		for (const ref of entry.refs) {
			const docIndex = documents.findIndex((d) => d.id === ref.document);
			const document = documents[docIndex];
			if (!document) {
				fail(`document ${ref.document} does not exist`);
				continue;
			}
			const passageIndex = document.passages.findIndex((p) => p.id === ref.passage);
			const passage = document.passages[passageIndex];
			if (!passage) {
				fail(`passage ${ref.passage} does not exist in ${ref.document}`);
				continue;
			}
			if (!passage.text.includes(ref.quote)) {
				fail(`quote is not in passage ${ref.document}#${ref.passage} word for word: "${ref.quote}"`);
			}
			if (docIndex < key[0]! || (docIndex === key[0] && passageIndex < key[1]!)) {
				key = [docIndex, passageIndex];
			}
		}

		if (entry.choices.some((c) => sameWords(c, entry.answer))) fail('a wrong choice is the answer itself');
		for (const d of duplicatesAmong(entry.choices)) fail(`wrong choice "${d}" is given twice`);
		const accept = entry.accept ? [entry.answer, ...entry.accept.filter((a) => a !== entry.answer)] : [];
		for (const d of duplicatesAmong(accept)) fail(`accepted answer "${d}" is given twice`);
		for (const a of accept) {
			if (entry.choices.some((c) => sameWords(c, a))) fail(`accepted answer "${a}" is also a wrong choice`);
		}
		if (entry.truefalse && sameWords(entry.truefalse.right, entry.truefalse.wrong)) {
			fail('the true and the false statement are the same');
		}
		const reject = entry.reject ?? [];
		for (const d of duplicatesAmong(reject)) fail(`rejected answer "${d}" is given twice`);
		for (const r of reject) {
			if ([entry.answer, ...accept].some((a) => sameWords(a, r)))
				fail(`rejected answer "${r}" is also an accepted answer`);
		}
		const reveals = entry.allowReveal ?? [];
		for (const [i, r] of reveals.entries()) {
			if (r.card === entry.id) fail(`allowReveal names the card itself`);
			if (reveals.findIndex((o) => o.card === r.card) !== i) fail(`allowReveal names ${r.card} twice`);
		}
		const replaces = entry.replaces ?? [];
		for (const [i, old] of replaces.entries()) {
			if (old === entry.id) fail('replaces its own id');
			if (replaces.indexOf(old) !== i) fail(`replaces ${old} twice`);
			if (retired.includes(old)) fail(`replaces ${old}, which is retired with no successor`);
		}
		if (retired.includes(entry.id))
			fail('id is retired (content/retired-ids.yaml): a new card needs a new id');

		const card: Omit<Card, 'order'> = {
			id: entry.id,
			question: entry.question,
			answer: entry.answer,
			topics: cardTopics,
			refs: entry.refs,
			choices: entry.choices,
			accept
		};
		if (entry.explanation) card.explanation = entry.explanation;
		if (entry.background) card.background = entry.background;
		if (entry.truefalse) card.truefalse = entry.truefalse;
		if (reject.length) card.reject = reject;
		if (reveals.length) card.allowReveal = reveals;
		if (entry.lengthWhy) card.lengthWhy = entry.lengthWhy;
		if (replaces.length) card.replaces = [...new Set(replaces)];
		placed.push({ card, key: [...key, fileIndex, placed.length] });
	}

	// An id once used keeps its question: a replaced id is neither a live card nor the successor of two cards.
	const successor = new Map<string, string>();
	for (const { card } of placed) {
		for (const old of card.replaces ?? []) {
			if (cardIds.has(old)) problems.push(`card ${card.id}: replaces ${old}, which is a live card's id`);
			const other = successor.get(old);
			if (other && other !== card.id)
				problems.push(`card ${card.id}: replaces ${old}, which card ${other} replaces too`);
			successor.set(old, card.id);
		}
		for (const r of card.allowReveal ?? []) {
			if (r.card !== card.id && !cardIds.has(r.card))
				problems.push(`card ${card.id}: allowReveal names ${r.card}, which is not a card`);
		}
	}

	// A topic named by a card must be declared by some card file.
	for (const { card } of placed) {
		for (const t of card.topics) {
			if (!topics.some((known) => known.id === t)) {
				problems.push(`card ${card.id}: topic ${t} does not exist (no card file declares it)`);
			}
		}
	}

	if (problems.length) throw new ContentError([...new Set(problems)]);

	placed.sort((a, b) => {
		for (let i = 0; i < a.key.length; i++) {
			const d = a.key[i]! - b.key[i]!;
			if (d) return d;
		}
		return 0;
	});
	const cards: Card[] = placed.map(({ card }, order) => ({ ...card, order }));
	const deck: Deck = { documents, topics, cards };
	if (retired.length) deck.retired = retired;
	return deck;
}
