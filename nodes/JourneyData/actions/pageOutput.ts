import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { pageLanguage } from '../../../core/pages';
import type { PageLanguage } from '../../../core/pages';

/**
 * What the report and board operations share: the "Output" choice (items for further nodes, or a ready answer for
 * a Respond to Webhook node: an HTML page or a CSV file) and the page language. A page answer is one item
 * `{ contentType, contentDisposition, body }`, so the template's Respond to Webhook node only passes it on.
 */

export type OutputMode = 'items' | 'page' | 'csv';

export function outputField(what: string): INodeProperties {
	return {
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'CSV File', value: 'csv', description: 'One item whose "body" is a CSV file for a spreadsheet, with its content type' },
			{ name: 'HTML Page', value: 'page', description: 'One item whose "body" is the finished page, for a Respond to Webhook node' },
			{ name: 'Items', value: 'items', description: `One item per ${what}, for further nodes (e.g. a Data Table or a spreadsheet)` },
		],
		default: 'items',
		description: 'What the node puts out. In the page template an expression chooses CSV when the address ends in ?format=csv.',
	};
}

export const languageOption: INodeProperties = {
	displayName: 'Page Language',
	name: 'language',
	type: 'string',
	default: '',
	placeholder: "e.g. {{ $json.headers['accept-language'] }}",
	description: "German or English: \"de\", \"en\", or a browser's Accept-Language header (the template passes it). Empty = English.",
};

export function languageOf(options: IDataObject): PageLanguage {
	return pageLanguage(String(options.language ?? ''));
}

export function outputOf(value: unknown): OutputMode {
	const mode = String(value ?? 'items').trim().toLowerCase();
	return mode === 'page' || mode === 'html' ? 'page' : mode === 'csv' ? 'csv' : 'items';
}

export function pageItem(html: string): IDataObject {
	return { contentType: 'text/html; charset=utf-8', contentDisposition: 'inline', body: html };
}

export function csvItem(csv: string, fileName: string): IDataObject {
	return { contentType: 'text/csv; charset=utf-8', contentDisposition: `attachment; filename="${fileName}"`, fileName, body: csv };
}
