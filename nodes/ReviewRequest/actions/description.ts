import type { INodeProperties } from 'n8n-workflow';
import * as checkTiming from './checkTiming.operation';
import * as parseReply from './parseReply.operation';

/** The operation selector (sorted, each with its action text), then each operation's own fields. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'checkTiming',
		options: [
			{
				name: 'Check Timing',
				value: 'checkTiming',
				action: 'Check whether and when to ask for a review',
				description: 'Decide ask now, ask later (with the time for a Wait node) or skip (with the reason) for a delivered or shipped order',
			},
			{
				name: 'Parse Reply',
				value: 'parseReply',
				action: 'Read the rating from an SMS reply',
				description: 'Read a rating from the customer\'s SMS reply on the scale that was asked, store it and route happy, neutral and unhappy customers',
				displayOptions: { hide: { '@tool': [true] } },
			},
		],
	},
	...checkTiming.description,
	...parseReply.description,
];
