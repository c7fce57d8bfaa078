// The sync server for the end-to-end tests: the real one (scripts/sync-server.ts), started by the tests on the
// port the Playwright configuration picked (E2E_SYNC_PORT), with its data in a folder of its own. The preview
// server passes /couch/ on to it, as `npm start` does.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { addUser } from '../../../scripts/sync-server.ts';

export const ADMIN = { name: 'admin', password: 'admin-password-for-tests' };

export class TestSyncServer {
	readonly port = Number(process.env.E2E_SYNC_PORT);
	readonly dataDir = mkdtempSync(join(tmpdir(), 'kz-tm-sync-'));
	#process: ChildProcess | null = null;

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Starts `npm run sync-server`'s script in a process of its own, and waits until it answers. */
	async start(): Promise<void> {
		if (!this.port) throw new Error('E2E_SYNC_PORT is not set: run the tests through playwright.config.ts');
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sync-server.ts'], {
			env: {
				...process.env,
				SYNC_PORT: String(this.port),
				SYNC_DATA: this.dataDir,
				SYNC_ADMIN: ADMIN.name,
				SYNC_ADMIN_PASSWORD: ADMIN.password
			},
			stdio: ['ignore', 'ignore', 'inherit']
		});
		this.#process = child;
		const exited = new Promise<never>((_, fail) =>
			child.once('exit', (code) => fail(new Error(`The sync server stopped (exit code ${code})`)))
		);
		exited.catch(() => {});
		for (;;) {
			const up = await Promise.race([
				fetch(`${this.url}/`).then(
					(r) => r.ok,
					() => false
				),
				exited
			]);
			if (up) return;
			await new Promise((r) => setTimeout(r, 100));
		}
	}

	/** Stops the server's process at once, as a crash or a power cut would. */
	async stop(): Promise<void> {
		const child = this.#process;
		this.#process = null;
		if (!child || child.exitCode !== null) return;
		await new Promise((done) => {
			child.once('exit', done);
			child.kill('SIGKILL');
		});
	}

	async addUser(name: string, password: string): Promise<string> {
		return addUser(this.url, ADMIN, name, password);
	}

	/** The documents in a learner's database, as the admin sees them (deleted ones left out). */
	async docIds(db: string): Promise<string[]> {
		const response = await fetch(`${this.url}/${db}/_all_docs`, {
			headers: { authorization: 'Basic ' + Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64') }
		});
		const body = (await response.json()) as { rows: { id: string }[] };
		return body.rows.map((r) => r.id);
	}

	async dispose(): Promise<void> {
		await this.stop();
		rmSync(this.dataDir, { recursive: true, force: true });
	}
}

/** Signs in on the settings screen and waits for the first sync to end. */
export async function signIn(page: Page, user: string, password: string): Promise<void> {
	await page.goto('/settings');
	await page.getByLabel('User name').fill(user);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByTestId('sync-status')).toContainText('Synced', { timeout: 15_000 });
}
