import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { parseSkuList, pollDue, positive } from '../../core/replenishment';
import type { DueMode, DueSettings, ProductRule } from '../../core/replenishment';
import { CoreError } from '../../core/shared/errors';
import { triggerScope } from '../shared/commerceTrigger';
import { getJourneyStore, postPurchaseStoreConnectionTest, STORE_CREDENTIAL } from '../shared/storeFromCredential';
import { properties } from './description';

interface Options {
	maxItems?: number;
	maxOverdueDays?: number;
	minRepeatCustomers?: number;
	voucherLookbackDays?: number;
	winBackMinDays?: number;
}

/** The node's settings; a bad value is an error naming the parameter. */
function settingsOf(ctx: IPollFunctions): DueSettings {
	const mode = ctx.getNodeParameter('mode', 'replenishment') as DueMode;
	const o = ctx.getNodeParameter('options', {}) as Options;
	const overdue = positive(o.maxOverdueDays ?? 30, 'Skip If Overdue For (Days)', { allowZero: true });
	const common = {
		shopUrl: String(ctx.getNodeParameter('shopUrl', '') ?? '').trim() || null,
		maxOverdueDays: overdue === 0 ? null : overdue,
		limit: positive(o.maxItems ?? 500, 'Max Items per Poll', { integer: true }),
	};
	if (mode === 'product_birthday') {
		const skus = parseSkuList(ctx.getNodeParameter('birthdaySkus', ''), 'Durable Product SKUs');
		return { ...common, mode, skus, months: positive(ctx.getNodeParameter('birthdayMonths', 12), 'Months After Purchase', { integer: true }) };
	}
	if (mode === 'win_back') {
		return {
			...common,
			mode,
			afterDays: positive(ctx.getNodeParameter('winBackAfterDays', 180), 'Inactive For (Days)'),
			medianFactor: positive(ctx.getNodeParameter('winBackFactor', 0), 'Or Rhythm Factor', { allowZero: true }),
			minDays: positive(o.winBackMinDays ?? 30, 'Minimum Days'),
			voucherLookbackDays: positive(o.voucherLookbackDays ?? 365, 'Voucher Look-Back (Days)'),
		};
	}
	const rows = (ctx.getNodeParameter('products', {}) as { product?: Array<{ skus?: string; daysPerUnit?: number }> }).product ?? [];
	const products: ProductRule[] = rows.map((row) => {
		const days = positive(row.daysPerUnit ?? 0, 'Days per Unit', { allowZero: true });
		return { skus: parseSkuList(row.skus, 'SKUs'), daysPerUnit: days === 0 ? null : days };
	});
	return {
		...common,
		mode: 'replenishment',
		products: products.filter((p) => p.skus.length > 0),
		leadDays: positive(ctx.getNodeParameter('leadDays', 5), 'Lead Time (Days)', { allowZero: true }),
		minRepeatCustomers: positive(o.minRepeatCustomers ?? 5, 'Learn After (Customers)', { integer: true }),
	};
}

/**
 * Polls the journey store's order history for refills, product birthdays or lapsed customers that fell due, and
 * emits each customer + product + cycle once (`pollDue` in core does the work and the claims).
 */
export class ReplenishmentDueTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Replenishment Due Trigger',
		name: 'replenishmentDueTrigger',
		icon: { light: 'file:replenishmentDueTrigger.svg', dark: 'file:replenishmentDueTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ { replenishment: "Refill reminders", product_birthday: "Product birthdays", win_back: "Win-back" }[$parameter["mode"]] }}',
		description: 'Starts the workflow when a consumable is about to run out, a durable product has its birthday, or a customer has not ordered for a long time',
		defaults: { name: 'Replenishment Due' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: STORE_CREDENTIAL, required: false, testedBy: 'postPurchaseStoreConnectionTest' }],
		properties,
	};

	methods = { credentialTest: { postPurchaseStoreConnectionTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		let settings: DueSettings;
		try {
			settings = settingsOf(this);
		} catch (error) {
			const message = error instanceof CoreError ? `${error.message} (parameter "${error.field}")` : String(error);
			throw new NodeOperationError(node, message);
		}
		const store = await getJourneyStore(this);
		// The process clock, as everywhere: tests move it, the store compares with it.
		const report = await pollDue({ store, settings, scope: triggerScope(this), now: new Date() });
		for (const sku of report.skus) {
			if (sku.interval || !sku.learned || sku.learned.source !== 'insufficient') continue;
			this.logger.info(
				`Replenishment Due Trigger "${node.name}": SKU ${sku.sku} gets no reminders yet: ${sku.learned.repeatCustomers} of ${sku.learned.needed} repeat customers needed to learn its interval (or set Days per Unit)`,
			);
		}
		if (report.due > report.items.length) {
			this.logger.info(`Replenishment Due Trigger "${node.name}": ${report.due - report.items.length} more due, emitted in the next polls`);
		}
		if (report.items.length === 0) return null;
		return [report.items.map((item) => ({ json: item as unknown as IDataObject }))];
	}
}
