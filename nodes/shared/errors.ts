import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';
import { CoreError, RemoteError } from '../../core/shared/errors';
import { maskText } from '../../core/shared/mask';

/**
 * The only place that turns core errors into n8n errors. Core `RemoteError`s become `NodeApiError` (a failed call
 * to Twilio, SMTP, a carrier or a shop); every other error becomes `NodeOperationError`. Messages are masked again
 * here as a last line of defence, and every error carries the item index.
 */
export function toNodeError(node: INode, error: unknown, itemIndex: number): NodeOperationError | NodeApiError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		if (error.context) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof RemoteError) {
		return new NodeApiError(node, { message: maskText(error.message), code: String(error.providerCode ?? '') } as JsonObject, {
			itemIndex,
			message: maskText(error.message),
			description: error.hint ? maskText(error.hint) : undefined,
			httpCode: error.httpCode !== undefined ? String(error.httpCode) : undefined,
		});
	}
	if (error instanceof CoreError) {
		const where = error.field ? ` (item ${itemIndex}, field "${error.field}")` : ` (item ${itemIndex})`;
		return new NodeOperationError(node, maskText(error.message) + where, {
			itemIndex,
			description: error.hint ? maskText(error.hint) : undefined,
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, maskText(message), { itemIndex });
}

/** The short text put on an error item when "Continue On Fail" is on. */
export function errorText(error: unknown): string {
	return maskText(error instanceof Error ? error.message : String(error));
}
