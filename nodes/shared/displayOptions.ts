import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Shows a block of properties only for the given operation(s) (and optionally resource), set once per operation
 * file. n8n's own `updateDisplayOptions` lives in nodes-base, which community packages cannot import.
 */
export function showFor(show: NonNullable<IDisplayOptions['show']>, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...show, ...property.displayOptions?.show },
		},
	}));
}
