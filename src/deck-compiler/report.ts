// `npm run deck:report`: what the deck covers, and the rules a good deck meets, each with its figure.
import { sameWords } from './compile.ts';
import type { Card, Deck } from '../lib/model.ts';

/** What the deck must meet; a rule broken here fails `npm run deck:report`. */
export const DECK_RULES = {
	minCardsPerPassage: 3,
	minCardsPerDocument: { encyclopedia: 35 } as Record<string, number>,
	minBothDocumentCards: 12,
	/** At least this many topics have at least minCardsPerTopic cards. */
	minTopics: 8,
	minCardsPerTopic: 8,
	/** The right answer may be the longest option in at most this share of multiple-choice cards. */
	maxLongestAnswerShare: 0.3,
	/** Longer questions and answers need a `lengthWhy`. */
	maxQuestionWords: 25,
	maxAnswerWords: 8,
	/** Answers this short (normalised), or numbers of fewer digits, are too generic to count as given away. */
	maxGenericAnswerLength: 3,
	minMeaningfulNumberDigits: 3,
	/**
	 * The deck's subject: every other question names the two countries, so an answer that is one of these
	 * (folded) gives nothing away when another card names it.
	 */
	subjectAnswers: [
		'kazakhstan',
		'turkmenistan',
		'kazakh',
		'turkmen',
		'kazakhstani',
		'turkmenistani',
		'kazakhstans',
		'turkmenistans',
		'both countries',
		'both sides',
		'two countries'
	]
};

export interface PassageCoverage {
	document: string;
	passage: string;
	characters: number;
	cards: number;
}

/** One rule: its figure as printed (e.g. "right answer longest: 27 of 120 (22.5 %) ≤ 30 %") and its breaches. */
export interface RuleResult {
	rule: string;
	figure: string;
	problems: string[];
}

export interface DeckReport {
	cards: number;
	perDocument: { document: string; cards: number; required: number }[];
	perPassage: PassageCoverage[];
	perTopic: { topic: string; title: string; cards: number }[];
	bothDocuments: number;
	withTyped: number;
	withTrueFalse: number;
	rules: RuleResult[];
	/** Every rule's problems, in order: the report fails when there is any. */
	problems: string[];
}

export function documentsOf(card: Card): string[] {
	return [...new Set(card.refs.map((r) => r.document))];
}

/** Text as the give-away rule compares it: no case, diacritics or punctuation, single spaces. */
export function foldWords(s: string): string {
	return s
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/['’‘ʼ]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** An answer as looked for in other cards' text: folded, without a leading article. */
function answerKey(text: string): string {
	const folded = foldWords(text);
	const bare = folded.replace(/^(?:the|a|an) /, '');
	return bare || folded;
}

/**
 * Too short or too generic to give anything away: a number of fewer than 3 digits, other text of ≤ 3
 * characters, or the deck's subject (one of the two countries).
 */
export function isGenericAnswer(text: string): boolean {
	const key = answerKey(text);
	const R = DECK_RULES;
	if (/^\d+$/.test(key)) return key.length < R.minMeaningfulNumberDigits;
	return key.replace(/ /g, '').length <= R.maxGenericAnswerLength || R.subjectAnswers.includes(key);
}

/** True when `text` contains `key` as whole words. */
const containsWords = (text: string, key: string) => ` ${foldWords(text)} `.includes(` ${key} `);

/** True when the question gives its own answer away. */
export function leaksAnswer(card: Card): boolean {
	const answer = answerKey(card.answer);
	return !isGenericAnswer(card.answer) && containsWords(card.question, answer);
}

/** A card's answer and accepted spellings that are specific enough to give away, as keys. */
function revealingKeys(card: Card): string[] {
	const spellings = [card.answer, ...card.accept].filter((s) => !isGenericAnswer(s));
	return [...new Set(spellings.map(answerKey))];
}

export interface GiveAway {
	/** The card whose question or true statement names the answer. */
	card: string;
	/** The card whose answer it names. */
	reveals: string;
	where: 'question' | 'true statement';
	/** The answer's words as found. */
	words: string;
}

/**
 * Cards whose question or true statement contains another card's answer (or one of its accepted spellings),
 * compared without case, punctuation or diacritics, as whole words; answers too short to mean anything are left
 * out. A card may allow it (`allowReveal`, with the reason). Wrong choices may be other cards' answers: they are
 * fair distractors. Returns the give-aways not allowed, and how many were allowed.
 */
export function findGiveAways(cards: readonly Card[]): { found: GiveAway[]; allowed: number } {
	const keyed = cards.map((c) => ({ card: c, keys: revealingKeys(c), own: answerKey(c.answer) }));
	const found: GiveAway[] = [];
	let allowed = 0;
	for (const a of cards) {
		const permitted = new Set((a.allowReveal ?? []).map((r) => r.card));
		const own = answerKey(a.answer);
		const texts: [GiveAway['where'], string][] = [['question', a.question]];
		if (a.truefalse) texts.push(['true statement', a.truefalse.right]);
		for (const b of keyed) {
			// Another card with the same answer is the own-answer rule's business.
			if (b.card.id === a.id || b.own === own) continue;
			for (const [where, text] of texts) {
				const words = b.keys.find((k) => containsWords(text, k));
				if (!words) continue;
				if (permitted.has(b.card.id)) allowed++;
				else found.push({ card: a.id, reveals: b.card.id, where, words });
				break;
			}
		}
	}
	return { found, allowed };
}

/** Multiple-choice cards whose right answer is longer, in characters, than each wrong choice. */
export function longestAnswerCards(cards: readonly Card[]): Card[] {
	const length = (s: string) => Array.from(s.trim()).length;
	return cards.filter((c) => c.choices.length > 0 && c.choices.every((w) => length(c.answer) > length(w)));
}

export const wordCount = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

/** Pairs of cards with the same answer (folded) and a quote in common. */
export function sameAnswerAndQuote(cards: readonly Card[]): [Card, Card, string][] {
	const pairs: [Card, Card, string][] = [];
	cards.forEach((a, i) => {
		for (const b of cards.slice(i + 1)) {
			if (answerKey(a.answer) !== answerKey(b.answer)) continue;
			const quote = a.refs.find((r) =>
				b.refs.some((s) => s.document === r.document && s.passage === r.passage && s.quote === r.quote)
			);
			if (quote) pairs.push([a, b, quote.quote]);
		}
	});
	return pairs;
}

const percent = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)} %` : '0 %');

export function deckReport(deck: Deck): DeckReport {
	const R = DECK_RULES;
	const rules: RuleResult[] = [];
	const cards = deck.cards;

	// (a) No question or true statement gives another card's answer away.
	const giveAways = findGiveAways(cards);
	const leakers = new Set(giveAways.found.map((g) => g.card));
	rules.push({
		rule: 'give-aways',
		figure: `questions or true statements naming another card's answer: ${leakers.size} cards (${giveAways.found.length} give-aways) = 0; ${giveAways.allowed} allowed by allowReveal; numbers of < ${R.minMeaningfulNumberDigits} digits, other answers of ≤ ${R.maxGenericAnswerLength} characters and the two countries' names are not looked for`,
		problems: giveAways.found.map(
			(g) =>
				`card ${g.card}: its ${g.where} contains "${g.words}", the answer of card ${g.reveals} (rewrite it, or give allowReveal: [{ card: ${g.reveals}, why: … }])`
		)
	});
	const ownLeaks = cards.filter(leaksAnswer);
	rules.push({
		rule: 'own answer',
		figure: `questions containing their own answer: ${ownLeaks.length} = 0`,
		problems: ownLeaks.map((c) => `card ${c.id}: the question contains its own answer`)
	});

	// (b) The right answer is not a guess by length.
	const longest = longestAnswerCards(cards);
	const withChoices = cards.filter((c) => c.choices.length > 0).length;
	const share = withChoices ? longest.length / withChoices : 0;
	const longestOk = share <= R.maxLongestAnswerShare;
	rules.push({
		rule: 'longest answer',
		figure: `right answer longest: ${longest.length} of ${withChoices} (${percent(longest.length, withChoices)}) ${longestOk ? '≤' : '>'} ${R.maxLongestAnswerShare * 100} %`,
		problems: longestOk
			? []
			: [
					`the right answer is the longest option in ${percent(longest.length, withChoices)} of multiple-choice cards (at most ${R.maxLongestAnswerShare * 100} %): ${longest.map((c) => c.id).join(', ')}`
				]
	});

	// (c) Short questions and answers, unless the card says why.
	const longQuestions = cards.filter((c) => wordCount(c.question) > R.maxQuestionWords);
	const longAnswers = cards.filter((c) => wordCount(c.answer) > R.maxAnswerWords);
	const unexplained = (list: Card[]) => list.filter((c) => !c.lengthWhy);
	rules.push({
		rule: 'length',
		figure: `questions over ${R.maxQuestionWords} words: ${longQuestions.length} (${longQuestions.length - unexplained(longQuestions).length} with lengthWhy); answers over ${R.maxAnswerWords} words: ${longAnswers.length} (${longAnswers.length - unexplained(longAnswers).length} with lengthWhy); without a reason: ${unexplained(longQuestions).length + unexplained(longAnswers).length} = 0`,
		problems: [
			...unexplained(longQuestions).map(
				(c) =>
					`card ${c.id}: the question has ${wordCount(c.question)} words (at most ${R.maxQuestionWords} without lengthWhy)`
			),
			...unexplained(longAnswers).map(
				(c) =>
					`card ${c.id}: the answer has ${wordCount(c.answer)} words (at most ${R.maxAnswerWords} without lengthWhy)`
			)
		]
	});

	// (d) No duplicates: the same answer from the same quote.
	const duplicates = sameAnswerAndQuote(cards);
	rules.push({
		rule: 'duplicates',
		figure: `pairs of cards with the same answer and quote: ${duplicates.length} = 0`,
		problems: duplicates.map(
			([a, b, quote]) =>
				`cards ${a.id} and ${b.id}: the same answer ("${a.answer}") from the same quote "${quote}"`
		)
	});

	// (e) Coverage.
	const perPassage: PassageCoverage[] = [];
	for (const doc of deck.documents) {
		for (const p of doc.passages) {
			if (p.meta) continue;
			const count = cards.filter((c) =>
				c.refs.some((r) => r.document === doc.id && r.passage === p.id)
			).length;
			perPassage.push({ document: doc.id, passage: p.id, characters: p.text.length, cards: count });
		}
	}
	const thin = perPassage.filter((p) => p.cards < R.minCardsPerPassage);
	rules.push({
		rule: 'passages',
		figure: `passages with fewer than ${R.minCardsPerPassage} cards: ${thin.length} of ${perPassage.length} = 0`,
		problems: thin.map(
			(p) =>
				`passage ${p.document}#${p.passage} has ${p.cards} cards; it needs at least ${R.minCardsPerPassage}`
		)
	});

	const perDocument = deck.documents.map((d) => ({
		document: d.id,
		cards: cards.filter((c) => documentsOf(c).includes(d.id)).length,
		required: R.minCardsPerDocument[d.id] ?? 0
	}));
	for (const d of perDocument.filter((d) => d.required)) {
		rules.push({
			rule: 'documents',
			figure: `cards on ${d.document}: ${d.cards} ${d.cards >= d.required ? '≥' : '<'} ${d.required}`,
			problems:
				d.cards >= d.required
					? []
					: [`document ${d.document} has ${d.cards} cards; it needs at least ${d.required}`]
		});
	}

	const bothDocuments = cards.filter((c) => documentsOf(c).length >= 2).length;
	rules.push({
		rule: 'both documents',
		figure: `cards tying both documents: ${bothDocuments} ${bothDocuments >= R.minBothDocumentCards ? '≥' : '<'} ${R.minBothDocumentCards}`,
		problems:
			bothDocuments >= R.minBothDocumentCards
				? []
				: [`${bothDocuments} cards tie both documents; at least ${R.minBothDocumentCards} must`]
	});

	const perTopic = deck.topics.map((t) => ({
		topic: t.id,
		title: t.title,
		cards: cards.filter((c) => c.topics.includes(t.id)).length
	}));
	const fullTopics = perTopic.filter((t) => t.cards >= R.minCardsPerTopic);
	rules.push({
		rule: 'topics',
		figure: `topics with at least ${R.minCardsPerTopic} cards: ${fullTopics.length} ${fullTopics.length >= R.minTopics ? '≥' : '<'} ${R.minTopics}`,
		problems:
			fullTopics.length >= R.minTopics
				? []
				: [
						`${fullTopics.length} topics have at least ${R.minCardsPerTopic} cards; at least ${R.minTopics} must (${perTopic
							.filter((t) => t.cards < R.minCardsPerTopic)
							.map((t) => `${t.topic}: ${t.cards}`)
							.join(', ')})`
					]
	});

	// Every card can be asked in more than one form, and its true/false forms differ.
	const forms: string[] = [];
	for (const c of cards) {
		if (c.accept.length === 0 && !c.truefalse) {
			forms.push(
				`card ${c.id} has neither accepted typed answers nor a true/false form: a quiz can only ask it as multiple choice`
			);
		}
		if (c.truefalse && sameWords(c.truefalse.wrong, c.truefalse.right))
			forms.push(`card ${c.id}: true/false forms are the same`);
	}
	rules.push({
		rule: 'forms',
		figure: `cards a quiz can ask only as multiple choice, or with equal true/false forms: ${forms.length} = 0`,
		problems: forms
	});

	return {
		cards: cards.length,
		perDocument,
		perPassage,
		perTopic,
		bothDocuments,
		withTyped: cards.filter((c) => c.accept.length > 0).length,
		withTrueFalse: cards.filter((c) => c.truefalse).length,
		rules,
		problems: rules.flatMap((r) => r.problems)
	};
}

export function formatReport(r: DeckReport): string {
	const lines: string[] = [];
	lines.push(
		`Deck: ${r.cards} cards, ${r.bothDocuments} tie both documents, ${r.withTyped} can be typed, ${r.withTrueFalse} have a true/false form.`
	);
	lines.push('', 'Cards per document:');
	for (const d of r.perDocument)
		lines.push(
			`  ${d.document.padEnd(28)} ${String(d.cards).padStart(4)}${d.required ? `  (needs ${d.required})` : ''}`
		);
	lines.push(
		'',
		`Cards per passage (passage, characters, cards; at least ${DECK_RULES.minCardsPerPassage}):`
	);
	let doc = '';
	for (const p of r.perPassage) {
		if (p.document !== doc) lines.push(`  ${(doc = p.document)}`);
		const mark = p.cards >= DECK_RULES.minCardsPerPassage ? ' ' : '!';
		lines.push(
			`   ${mark} ${p.passage.padEnd(26)} ${String(p.characters).padStart(5)}  ${String(p.cards).padStart(3)}`
		);
	}
	lines.push('', 'Cards per topic:');
	for (const t of r.perTopic)
		lines.push(`  ${t.topic.padEnd(28)} ${String(t.cards).padStart(4)}  ${t.title}`);
	lines.push('', 'Rules:');
	for (const rule of r.rules) lines.push(`  ${rule.problems.length ? 'FAIL' : 'ok  '}  ${rule.figure}`);
	lines.push('');
	if (r.problems.length) {
		const broken = r.rules.filter((rule) => rule.problems.length);
		lines.push(`${broken.length} rule(s) broken (${r.problems.length} problems):`);
		for (const rule of broken) {
			lines.push(`  ${rule.rule}:`);
			for (const p of rule.problems) lines.push(`    - ${p}`);
		}
	} else {
		lines.push('Every deck rule is met.');
	}
	return lines.join('\n');
}
