import { jest } from '@jest/globals';

// End-to-end tests start a real n8n and wait for deferred messages across a restart: ten minutes per test at most.
jest.setTimeout(600_000);
