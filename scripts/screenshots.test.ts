// The committed screenshots are current in what can be checked without a browser: one picture per screen and
// colour scheme that scripts/screenshots.ts takes, each a PNG of the phone size it declares, each shown in the
// README, and the manifest written by the run that took them naming the same screens, addresses and headings.
// Pixels are not compared: fonts, times and the history's dates change them from run to run; a screen added,
// removed, renamed or resized without `npm run screenshots` fails here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUT, SCHEMES, SCREENS, VIEWPORT, type ManifestEntry } from './screenshots.ts';

function pngSize(file: string): { width: number; height: number } {
	const png = readFileSync(file);
	expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
	return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the committed screenshots (run `npm run screenshots` after changing a screen)', () => {
	const manifest = JSON.parse(readFileSync(join(OUT, 'manifest.json'), 'utf8')) as ManifestEntry[];
	const readme = readFileSync('README.md', 'utf8');
	const wanted = SCHEMES.flatMap((scheme) =>
		SCREENS.map((s) => ({
			file: `${s.name}-${scheme}.png`,
			path: s.path,
			scheme,
			...VIEWPORT,
			heading: s.heading
		}))
	);

	it('the manifest lists what the script takes now', () => {
		expect(manifest).toEqual(wanted);
	});

	it.each(wanted.map((w) => w.file))('%s is a phone-size PNG, shown in the README', (file) => {
		const path = join(OUT, file);
		expect(existsSync(path)).toBe(true);
		expect(pngSize(path)).toEqual({ width: VIEWPORT.width, height: VIEWPORT.height });
		expect(readme).toContain(`${OUT}/${file}`);
	});
});
