// Lint with n8n's community-node rules, in the set without n8n Cloud restrictions: the package has runtime
// dependencies (twilio, nodemailer, pg …) and so targets self-hosted n8n only (see the design's Distribution part).
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const community = n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport;

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**'] },
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended, community],
		rules: {
			'prefer-spread': 'off',
			'no-console': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		extends: [community],
		rules: {
			...n8nNodesBase.configs.community.rules,
			// Deliberate: twilio, nodemailer, libphonenumber-js, luxon and pg are needed at run time (self-hosted only).
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		// The core is framework-free: no n8n, no node adapters. It throws its own typed errors
		// (core/shared/errors.ts); nodes/shared/errors.ts turns them into NodeOperationError / NodeApiError.
		files: ['core/**/*.ts'],
		rules: {
			'@n8n/community-nodes/require-node-api-error': 'off',
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['n8n-workflow', 'n8n-core', 'n8n-workflow/*', 'n8n-core/*'], message: 'core/ must not import n8n packages.' },
						{ group: ['**/nodes/**', '**/credentials/**'], message: 'core/ must not import node adapters or credentials.' },
					],
				},
			],
		},
	},
	{
		// Tests, benchmarks, the sandbox and scripts are not part of the package: printing is how they report, and
		// they start processes (n8n, npm) and use fixed sandbox secrets on purpose.
		files: ['tests/**/*.ts', 'bench/**/*.ts', 'sandbox/**/*.ts', 'scripts/**/*'],
		rules: {
			'no-console': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/missing-paired-item': 'off',
			'@n8n/community-nodes/require-node-description-fields': 'off',
			'@n8n/community-nodes/node-usable-as-tool': 'off',
			'@n8n/community-nodes/icon-validation': 'off',
			'@n8n/community-nodes/credential-test-required': 'off',
			// Plain errors are right outside a node: there is no node to attach them to.
			'@n8n/community-nodes/require-node-api-error': 'off',
		},
	},
);
