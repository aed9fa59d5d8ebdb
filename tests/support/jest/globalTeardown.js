const { rmSync } = require('node:fs');

module.exports = async function globalTeardown() {
	if (process.env.PP_TEST_USER_FOLDER) rmSync(process.env.PP_TEST_USER_FOLDER, { recursive: true, force: true });
};
