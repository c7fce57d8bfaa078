// `npm run --silent deck:json` prints the compiled deck; `npm run deck:report` prints coverage and the deck's
// rules and exits 1 when one is broken; `npm run --silent deck:grade -- CARD_ID "typed answer"` prints the
// quiz's verdict (right, nearly or wrong), or, with no arguments, one verdict a line for lines of
// CARD_ID<TAB>typed answer on standard input. All exit 1 with every problem listed when content is invalid.
import { readFileSync } from 'node:fs';
import { loadDeck } from '../src/deck-compiler/load.ts';
import { ContentError } from '../src/deck-compiler/compile.ts';
import { deckReport, formatReport } from '../src/deck-compiler/report.ts';
import { gradeAnswers, parseGradeLines } from '../src/deck-compiler/grade.ts';

const [command, ...args] = process.argv.slice(2);

function grade(): number {
	let answers: { cardId: string; typed: string }[];
	if (args.length === 0) {
		const parsed = parseGradeLines(readFileSync(0, 'utf8'));
		if (!parsed.ok) {
			for (const e of parsed.errors) console.error(e);
			return 2;
		}
		answers = parsed.answers;
	} else if (args.length === 2) {
		answers = [{ cardId: args[0]!, typed: args[1]! }];
	} else {
		console.error('usage: npm run --silent deck:grade -- CARD_ID "typed answer"');
		console.error('   or: npm run --silent deck:grade < lines of CARD_ID<TAB>typed answer');
		return 2;
	}
	const result = gradeAnswers(loadDeck(process.cwd()), answers);
	if (!result.ok) {
		for (const e of result.errors) console.error(e);
		return 1;
	}
	for (const note of result.notes) console.error(`note: ${note}`);
	process.stdout.write(result.verdicts.map((v) => `${v}\n`).join(''));
	return 0;
}

try {
	if (command === 'json') {
		process.stdout.write(JSON.stringify(loadDeck(process.cwd()), null, 2) + '\n');
	} else if (command === 'report') {
		const report = deckReport(loadDeck(process.cwd()));
		console.log(formatReport(report));
		if (report.problems.length) process.exitCode = 1;
	} else if (command === 'grade') {
		process.exitCode = grade();
	} else {
		console.error('usage: tsx scripts/deck.ts json|report|grade');
		process.exitCode = 2;
	}
} catch (e) {
	if (e instanceof ContentError) {
		console.error(e.message);
		process.exitCode = 1;
	} else throw e;
}
