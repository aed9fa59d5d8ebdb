// Jest with ts-jest (type-checked against tsconfig.test.json). Three projects:
//   unit      core logic, store contract (SQLite + PostgreSQL), local peers      npm test
//   workflow  workflow JSON through n8n's real engine in-process               npm test
//   e2e       the packaged nodes in a real n8n                                  npm run test:e2e
//   queue     n8n in queue mode: main, webhook processor, 2 workers             npm run test:queue
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] };

function project(name, timeout) {
	return {
		displayName: name,
		rootDir: __dirname,
		testEnvironment: 'node',
		transform,
		moduleFileExtensions: ['ts', 'js', 'json'],
		testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
		setupFilesAfterEnv: [`<rootDir>/tests/support/jest/timeout.${timeout}.ts`],
	};
}

/** @type {import('jest').Config} */
module.exports = {
	// Two cores on the project's machines: two test files at a time.
	maxWorkers: 2,
	// A test that times out may leave its handle (a server, an interval) open; Jest then reports it and exits instead
	// of waiting for ever. Runs with --detectOpenHandles show no open handle after a passing run.
	forceExit: true,
	globalSetup: '<rootDir>/tests/support/jest/globalSetup.js',
	globalTeardown: '<rootDir>/tests/support/jest/globalTeardown.js',
	projects: [project('unit', 'short'), project('workflow', 'short'), project('e2e', 'long'), project('queue', 'long')],
	collectCoverageFrom: ['<rootDir>/core/**/*.ts', '<rootDir>/nodes/**/*.ts', '<rootDir>/credentials/**/*.ts'],
	coverageReporters: ['json-summary', 'text-summary'],
	coverageDirectory: '<rootDir>/coverage',
	coverageThreshold: require('./tests/support/jest/coverageThresholds.json'),
};
