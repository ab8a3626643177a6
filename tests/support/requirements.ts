import fs from 'node:fs';
import path from 'node:path';

/**
 * What some test files need that a fresh developer machine may lack: the shared dataset, Chromium, a NATS server.
 * On a developer's machine a missing one skips the suite with a one-line reason in its title; with CI=true (set by
 * .ci/run) it fails the test file instead, so a broken CI machine never turns green by skipping.
 */

const root = path.resolve(import.meta.dirname, '../..');

export const isCi = process.env.CI === 'true' || process.env.CI === '1';

/** The shared data folder sits beside the clone (`<parent>/main`, `<parent>/shared`); OPENAEO_SHARED_DATA moves it. */
export const SHARED_DATA_DIR = path.resolve(root, process.env.OPENAEO_SHARED_DATA ?? '../shared/data');
export const DATASET_DIR = path.join(SHARED_DATA_DIR, 'customs-declarations');
export const DATASET_TRAIN_FILE = path.join(DATASET_DIR, 'df_syn_train_eng.csv');
export const DATASET_VALID_FILE = path.join(DATASET_DIR, 'df_syn_valid_eng.csv');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Requirement {
  isAvailable: boolean;
  /** '' when available, otherwise ` (skipped: …)` to append to the suite or test title. */
  skipReason: string;
}

/** Answers whether the requirement is met; a miss skips on a developer's machine and throws on CI. */
export function checkRequirement(isAvailable: boolean, missing: string, remedy: string): Requirement {
  if (isAvailable) return { isAvailable, skipReason: '' };
  if (isCi) throw new Error(`CI=true and ${missing}: CI runs every test and skips none (${remedy}).`);
  return { isAvailable, skipReason: ` (skipped: ${missing}; ${remedy})` };
}

/** The synthetic customs declarations (train and validation files) the risk and import tests read. */
export function requireDataset(): Requirement {
  return checkRequirement(
    [DATASET_TRAIN_FILE, DATASET_VALID_FILE].every((file) => fs.existsSync(file)),
    `no dataset at ${DATASET_DIR}`,
    'put the shared folder beside the clone, or set OPENAEO_SHARED_DATA to its data folder',
  );
}

export function requireChromium(): Requirement {
  return checkRequirement(
    fs.existsSync(CHROMIUM_PATH),
    `no Chromium at ${CHROMIUM_PATH}`,
    'apt-get install chromium, or set CHROMIUM_PATH',
  );
}

/** NATS is configured by NATS_URL; a configured server that does not answer fails the tests, as it should. */
export function requireNats(): Requirement {
  return checkRequirement(
    Boolean(process.env.NATS_URL),
    'NATS_URL is not set',
    'run a NATS server with JetStream and set NATS_URL, e.g. nats://127.0.0.1:4222',
  );
}
