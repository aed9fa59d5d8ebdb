import { jest } from '@jest/globals';

// Unit and workflow tests: a hang fails within a minute and names the test, instead of stalling CI.
jest.setTimeout(60_000);
