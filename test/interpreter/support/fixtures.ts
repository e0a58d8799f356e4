// The BPMN fixtures the interpreter tier shares with the integration tier (test/fixtures).
import { readFileSync } from 'node:fs';

export const fixtureXml = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
