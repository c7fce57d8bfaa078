// `npm run --silent deck:json` prints the compiled deck; `npm run deck:report` prints coverage
// and exits 1 when a deck rule is broken. Both exit 1 with every problem listed when content is invalid.
import { loadDeck } from '../src/deck-compiler/load.ts';
import { ContentError } from '../src/deck-compiler/compile.ts';
import { deckReport, formatReport } from '../src/deck-compiler/report.ts';

const command = process.argv[2];
try {
	const deck = loadDeck(process.cwd());
	if (command === 'json') {
		process.stdout.write(JSON.stringify(deck, null, 2) + '\n');
	} else if (command === 'report') {
		const report = deckReport(deck);
		console.log(formatReport(report));
		if (report.problems.length) process.exitCode = 1;
	} else {
		console.error('usage: tsx scripts/deck.ts json|report');
		process.exitCode = 2;
	}
} catch (e) {
	if (e instanceof ContentError) {
		console.error(e.message);
		process.exitCode = 1;
	} else throw e;
}
