/**
 * A small stand-in for Shopify's Admin GraphQL API, for the return request form: the `orders` search by name and the
 * `returnRequest` mutation, with the shapes of the Admin API (2025-07). Orders are seeded by the test; every
 * request is recorded (with its access-token header), so tests can see what the workflow asked for.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOrder {
	name: string;
	email: string;
	customerLocale?: string;
	lineItems: Array<{ title: string; sku: string; quantity: number }>;
}

export interface GraphqlCall {
	query: string;
	variables: Record<string, unknown>;
	accessToken: string | undefined;
}

export interface ShopifyReturnsServer {
	url: string;
	/** The GraphQL endpoint, as the template's settings name it. */
	graphqlUrl: string;
	calls: GraphqlCall[];
	/** Return requests the shop accepted. */
	returns: Array<{ id: string; orderId: string; lines: Array<{ fulfillmentLineItemId: string; quantity: number; returnReason: string; customerNote?: string }> }>;
	addOrder(order: FakeOrder): string;
	close(): Promise<void>;
}

export async function startShopifyReturnsServer(port = 0): Promise<ShopifyReturnsServer> {
	const orders = new Map<string, FakeOrder & { id: string }>();
	const calls: GraphqlCall[] = [];
	const returns: ShopifyReturnsServer['returns'] = [];
	let next = 1000;

	const answer = (call: GraphqlCall): unknown => {
		if (/\borders\s*\(/.test(call.query)) {
			const name = /name:"?([^"\s]+)"?/.exec(String(call.variables.query ?? ''))?.[1];
			const order = name ? orders.get(name) : undefined;
			if (!order) return { data: { orders: { nodes: [] } } };
			const id = order.id.split('/').pop();
			return {
				data: {
					orders: {
						nodes: [
							{
								id: order.id,
								name: order.name,
								email: order.email,
								customerLocale: order.customerLocale ?? 'de',
								customer: { firstName: 'Mia' },
								fulfillments: [
									{
										fulfillmentLineItems: {
											nodes: order.lineItems.map((li, i) => ({ id: `gid://shopify/FulfillmentLineItem/${id}${i}`, quantity: li.quantity, lineItem: { title: li.title, sku: li.sku } })),
										},
									},
								],
							},
						],
					},
				},
			};
		}
		if (/\breturnRequest\s*\(/.test(call.query)) {
			const input = (call.variables.input ?? {}) as { orderId: string; returnLineItems: ShopifyReturnsServer['returns'][number]['lines'] };
			if (!input.returnLineItems?.length) {
				return { data: { returnRequest: { return: null, userErrors: [{ field: ['input', 'returnLineItems'], message: 'Return must have at least one line item.' }] } } };
			}
			const id = `gid://shopify/Return/${next++}`;
			returns.push({ id, orderId: input.orderId, lines: input.returnLineItems });
			return { data: { returnRequest: { return: { id, name: '#R1', status: 'REQUESTED' }, userErrors: [] } } };
		}
		return { errors: [{ message: 'Unknown query' }] };
	};

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			if (req.method !== 'POST' || !req.url?.endsWith('/graphql.json')) {
				res.writeHead(404).end();
				return;
			}
			let body: { query?: string; variables?: Record<string, unknown> };
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
			} catch {
				res.writeHead(400).end();
				return;
			}
			const call = { query: String(body.query ?? ''), variables: body.variables ?? {}, accessToken: req.headers['x-shopify-access-token'] as string | undefined };
			calls.push(call);
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(call)));
		});
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		graphqlUrl: `${url}/admin/api/2025-07/graphql.json`,
		calls,
		returns,
		addOrder(order) {
			const id = `gid://shopify/Order/${next++}`;
			orders.set(order.name, { ...order, id });
			return id;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
