// `npm run --silent demo:history -- --out FILE` writes a backup file holding a year of daily reviews of the real
// deck, by the benchmark's simulated learner (scripts/bench/simulate.ts: the app's own scheduler, a learner whose
// chance of recall is a little under FSRS's prediction). Import it with Import progress on the Statistics page
// to see the stats, the knowledge map and Optimize at work. Without --out the file goes to standard output.
import { writeFileSync } from 'node:fs';
import { loadDeck } from '../src/deck-compiler/load.ts';
import { encodeBackup, serializeBackup } from '../src/lib/backup/format.ts';
import { DEFAULT_SETTINGS } from '../src/lib/srs/defaults.ts';
import { simulateDailyReview } from './bench/simulate.ts';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : undefined;
if (outAt >= 0 && !out) {
	console.error('usage: npm run --silent demo:history -- [--out FILE] [--days N] [--seed N]');
	process.exit(2);
}
const numberArg = (name: string, fallback: number) => {
	const at = args.indexOf(name);
	const value = at >= 0 ? Number(args[at + 1]) : fallback;
	if (!Number.isInteger(value) || value < 1) {
		console.error(`${name} must be a whole number above 0`);
		process.exit(2);
	}
	return value;
};

const deck = loadDeck(process.cwd());
const now = Date.now();
const history = simulateDailyReview({
	cards: deck.cards,
	settings: DEFAULT_SETTINGS,
	days: numberArg('--days', 365),
	end: now,
	seed: numberArg('--seed', 1)
});
// No settings in the file: the importing browser keeps its own.
const data = { settings: {}, cardFlags: [], quizzes: [], reviews: history.reviews };
const text = serializeBackup(encodeBackup(data, { appVersion: 'demo-history', exportedAt: now })).join('');
if (out) {
	writeFileSync(out, text);
	console.error(`${out}: ${history.reviews.length} reviews of ${history.states.size} cards over a year`);
} else process.stdout.write(text);
