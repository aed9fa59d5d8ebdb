import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Where the journey store keeps its state (sent-message claims, consent ledger, suppressions, message log, carts).
 * Optional: without it, nodes use an SQLite file in the n8n folder. A database is not HTTP, so the connection test
 * lives in the nodes that use the store (`testedBy: 'postPurchaseStoreConnectionTest'`), which open the store,
 * report the schema version and close it.
 */
export class PostPurchaseStoreApi implements ICredentialType {
	name = 'postPurchaseStoreApi';

	displayName = 'Post-Purchase Journey Store API';

	icon: Icon = { light: 'file:postPurchaseStore.svg', dark: 'file:postPurchaseStore.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-post-purchase/n8n-nodes-post-purchase#journey-store';

	properties: INodeProperties[] = [
		{
			displayName: 'Database',
			name: 'backend',
			type: 'options',
			options: [
				{
					name: 'PostgreSQL',
					value: 'postgres',
					description: 'Needed when n8n runs in queue mode with several workers, so they all share one store',
				},
				{
					name: 'SQLite File',
					value: 'sqlite',
					description: 'A file on this n8n server; right for a single n8n instance',
				},
			],
			default: 'sqlite',
			description: 'Where the journey state is kept. Every node that should share state must use the same setting.',
		},
		{
			displayName: 'SQLite File Path',
			name: 'sqlitePath',
			type: 'string',
			default: '',
			placeholder: 'e.g. /home/node/.n8n/post-purchase-journey.sqlite',
			description:
				'Leave empty to use post-purchase-journey.sqlite in the n8n folder. A relative path is taken from the n8n folder.',
			displayOptions: { show: { backend: ['sqlite'] } },
		},
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: 'localhost',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 5432,
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'Database Name',
			name: 'database',
			type: 'string',
			default: 'n8n',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: 'postgres',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'Schema',
			name: 'schema',
			type: 'string',
			default: 'public',
			description:
				'The schema the store creates its tables in. Use a schema of its own (e.g. post_purchase) when the database is shared with n8n.',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'boolean',
			default: false,
			description: 'Whether to connect over TLS. Turn on for managed databases that require it.',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'Reject Unauthorized Certificates',
			name: 'rejectUnauthorized',
			type: 'boolean',
			default: true,
			description: 'Whether to refuse servers whose certificate cannot be verified. Turn off only for self-signed certificates.',
			displayOptions: { show: { backend: ['postgres'], ssl: [true] } },
		},
		{
			displayName:
				'The store deletes message log entries, decisions and order history older than the ages below on its own, at most once an hour while it is in use. The consent ledger and the suppression list are always kept as proof.',
			name: 'retentionNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Keep Message Log (Days)',
			name: 'retentionMessageLogDays',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: '',
			placeholder: 'e.g. 365',
			description:
				'How many days to keep sent and received messages and their delivery status. Leave empty to keep them; frequency caps only look back 30 days.',
		},
		{
			displayName: 'Keep Decisions (Days)',
			name: 'retentionDecisionsDays',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: '',
			placeholder: 'e.g. 90',
			description: 'How many days to keep the Consent Gate\'s send, defer and suppress decisions. Leave empty to keep them.',
		},
		{
			displayName: 'Keep Order History (Days)',
			name: 'retentionOrderHistoryDays',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: '',
			placeholder: 'e.g. 730',
			description:
				'How many days to keep the recorded orders (counted from the order date) and finished carts, purchases and watched shipments (counted from when they were done or cancelled). Leave empty to keep them; pending ones are never deleted.',
		},
	];
}
