import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * SMTP server access for journey e-mails. SMTP is not HTTP, so the connection test lives in the Email Compose
 * node (`testedBy`), which opens a connection, verifies it and closes it.
 */
export class PostPurchaseSmtp implements ICredentialType {
	name = 'postPurchaseSmtp';

	displayName = 'Post-Purchase SMTP';

	icon: Icon = { light: 'file:../icons/email.svg', dark: 'file:../icons/email.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-post-purchase/n8n-nodes-post-purchase#smtp';

	properties: INodeProperties[] = [
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. smtp.example.com',
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 587,
			description: 'Usually 587 (STARTTLS) or 465 (TLS from the start).',
		},
		{
			displayName: 'SSL/TLS',
			name: 'secure',
			type: 'boolean',
			default: false,
			description: 'Whether to use TLS from the first byte (port 465). Leave off for port 587, which upgrades with STARTTLS.',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Sender Email',
			name: 'fromEmail',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. service@myshop.de',
			description: 'The address customers see and reply to unless a node sets another reply-to address.',
		},
		{
			displayName: 'Sender Name',
			name: 'fromName',
			type: 'string',
			default: '',
			placeholder: 'e.g. My Shop',
		},
		// A boolean switch, not a secret; the lint heuristic reads "Unauthorized" as sensitive.
		// eslint-disable-next-line @n8n/community-nodes/credential-password-field
		{
			displayName: 'Allow Self-Signed Certificates',
			name: 'allowUnauthorizedCerts',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the server certificate cannot be verified. Only for servers in your own network.',
		},
		{
			displayName: 'DKIM Domain',
			name: 'dkimDomain',
			type: 'string',
			default: '',
			placeholder: 'e.g. myshop.de',
			description: 'Sign e-mails with DKIM for this domain. Leave empty when your mail server signs for you.',
		},
		{
			displayName: 'DKIM Selector',
			name: 'dkimSelector',
			type: 'string',
			default: '',
			placeholder: 'e.g. mail2026',
		},
		{
			displayName: 'DKIM Private Key',
			name: 'dkimPrivateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			description: 'The PEM private key whose public half is published at <selector>._domainkey.<domain>.',
		},
	];
}
