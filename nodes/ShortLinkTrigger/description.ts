import type { INodeProperties } from 'n8n-workflow';

/** The Short Link Trigger's parameters. Names and values are stored in saved workflows: never rename them. */

export const properties: INodeProperties[] = [
	{
		displayName:
			'Turn on "Shorten Links" in SMS Compose or Email Compose (Options) and publish this workflow: every short link in your messages is answered here, the customer lands on the real page, and the click is counted for the journey report.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: 'l',
		required: true,
		description: 'The part of the link after …/webhook/. Keep it short; "Short Link Path" in SMS Compose and Email Compose must be the same.',
	},
	{
		displayName: 'Start Workflow On',
		name: 'startOn',
		type: 'options',
		noDataExpression: true,
		default: 'every',
		options: [
			{ name: 'Every Counted Click', value: 'every', description: 'Each click of a person (not link previews or mail scanners)' },
			{ name: 'First Click Per Link', value: 'first', description: 'Only the first time a customer opens a link, e.g. to tag them as interested' },
			{ name: 'Never (Only Forward and Count)', value: 'never', description: 'Forward and count clicks without starting the workflow' },
		],
		description: 'When a click starts this workflow. Every click is forwarded and recorded either way.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Ignore Clicks Within (Seconds)',
				name: 'minSecondsAfterSend',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description:
					'Requests this soon after the message was sent are link previews or mail scanners reacting to delivery, not a person: forwarded, recorded, not counted',
			},
		],
	},
];
