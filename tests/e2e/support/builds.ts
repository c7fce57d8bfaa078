// Builds of the app as named versions, for the update test: each in its own folders, so that they
// never overwrite the build the rest of the suite is served from.
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve('.e2e-builds');

/** Build the app as version `name`; returns the folder to serve. */
export async function buildVersion(name: string): Promise<string> {
	const dir = join(ROOT, name);
	await run('npx', ['vite', 'build', '--logLevel', 'error'], {
		env: {
			...process.env,
			APP_VERSION: name,
			KIT_OUT_DIR: join('.e2e-builds', name, 'kit'),
			BUILD_DIR: join('.e2e-builds', name, 'build')
		},
		maxBuffer: 16 * 1024 * 1024
	});
	return join(dir, 'build');
}

/** The hashed files of a build, as the addresses the browser requests them by. */
export async function immutableFiles(build: string): Promise<Set<string>> {
	const entries = await readdir(join(build, '_app', 'immutable'), { recursive: true, withFileTypes: true });
	return new Set(
		entries
			.filter((e) => e.isFile())
			.map(
				(e) =>
					'/' +
					join(e.parentPath, e.name)
						.slice(build.length + 1)
						.replaceAll('\\', '/')
			)
	);
}
