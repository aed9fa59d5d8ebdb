/**
 * Inline SVG charts for the pages served from n8n (no script, no external asset: n8n sandboxes HTML answers and
 * there is no CDN). Every label is escaped here; numbers are drawn as given. Each chart scales to its container.
 */
import { escapeHtml } from '../email/escape';

export interface Series {
	label: string;
	color: string;
	values: number[];
}

const FONT = 'font-family="system-ui,sans-serif" font-size="11"';

/** A round upper bound for an axis: 1, 2, 5 × 10ⁿ. */
export function niceMax(value: number): number {
	if (!(value > 0)) return 1;
	const power = 10 ** Math.floor(Math.log10(value));
	return ([1, 2, 5, 10].find((m) => m * power >= value) ?? 10) * power;
}

function legend(series: Series[], y: number): string {
	return series
		.map((s, i) => `<g transform="translate(${i * 100},${y})"><rect width="10" height="10" rx="2" fill="${s.color}"/><text x="14" y="9" ${FONT} fill="#3e4c59">${escapeHtml(s.label)}</text></g>`)
		.join('');
}

/** Lines over time (one point per x label), with a horizontal grid, a y axis from 0 and a legend under it. */
export function lineChart(options: { title: string; xLabels: string[]; series: Series[]; width?: number; height?: number; formatValue?: (n: number) => string }): string {
	const width = options.width ?? 420;
	const height = options.height ?? 190;
	const left = 40;
	const right = 12;
	const top = 10;
	const bottom = 46;
	const plotW = width - left - right;
	const plotH = height - top - bottom;
	const n = options.xLabels.length;
	const max = niceMax(Math.max(0, ...options.series.flatMap((s) => s.values)));
	const x = (i: number) => left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
	const y = (v: number) => top + plotH - (v / max) * plotH;
	const grid = [0, 0.5, 1]
		.map((f) => {
			const gy = y(max * f).toFixed(1);
			return `<line x1="${left}" x2="${width - right}" y1="${gy}" y2="${gy}" stroke="#e4e7eb"/><text x="${left - 6}" y="${Number(gy) + 4}" text-anchor="end" ${FONT} fill="#7b8794">${escapeHtml((options.formatValue ?? String)(max * f))}</text>`;
		})
		.join('');
	// Every label when few, else about six, always the last.
	const step = Math.max(1, Math.ceil(n / 6));
	const xTicks = options.xLabels
		.map((label, i) => (i % step === 0 || i === n - 1 ? `<text x="${x(i).toFixed(1)}" y="${top + plotH + 16}" text-anchor="${n > 1 && i === n - 1 ? 'end' : i === 0 && n > 1 ? 'start' : 'middle'}" ${FONT} fill="#7b8794">${escapeHtml(label)}</text>` : ''))
		.join('');
	const lines = options.series
		.map((s) => {
			const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
			const dots = s.values.map((v, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="${s.color}"><title>${escapeHtml(`${s.label} ${options.xLabels[i]}: ${v}`)}</title></circle>`).join('');
			return `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points.join(' ')}"/>${dots}`;
		})
		.join('');
	return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(options.title)}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(options.title)}</title>${grid}${xTicks}${lines}${legend(options.series, height - 16)}</svg>`;
}

/** Horizontal bars, one group per row (e.g. sent → clicked → ordered per journey step), value printed beside each. */
export function groupedBars(options: { title: string; rows: Array<{ label: string; values: number[] }>; series: Array<{ label: string; color: string }>; width?: number }): string {
	const width = options.width ?? 640;
	const labelW = 150;
	const barH = 12;
	const gap = 3;
	const groupH = options.series.length * (barH + gap) + 12;
	const height = options.rows.length * groupH + 28;
	const max = Math.max(1, ...options.rows.flatMap((r) => r.values));
	const plotW = width - labelW - 60;
	const groups = options.rows
		.map((row, r) => {
			const gy = r * groupH;
			const bars = row.values
				.map((v, i) => {
					const w = Math.max(v > 0 ? 2 : 0, (v / max) * plotW);
					const by = gy + i * (barH + gap);
					return `<rect x="${labelW}" y="${by}" width="${w.toFixed(1)}" height="${barH}" rx="2" fill="${options.series[i]?.color ?? '#999'}"><title>${escapeHtml(`${row.label} ${options.series[i]?.label}: ${v}`)}</title></rect><text x="${(labelW + w + 4).toFixed(1)}" y="${by + barH - 2}" ${FONT} fill="#3e4c59">${v}</text>`;
				})
				.join('');
			return `<text x="0" y="${gy + barH + 2}" ${FONT} font-size="12" fill="#1f2933">${escapeHtml(row.label)}</text>${bars}`;
		})
		.join('');
	return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(options.title)}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(options.title)}</title>${groups}${legend(options.series.map((s) => ({ ...s, values: [] })), height - 14)}</svg>`;
}
