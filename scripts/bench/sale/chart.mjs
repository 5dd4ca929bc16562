// A plain SVG of a sale over time: requests per second by outcome (stacked bars) and the p95
// latency of that second (line, right axis). No chart library: a benchmark's output must not need one.
export function saleChart(timeline, title) {
  const width = 960;
  const height = 360;
  const pad = { left: 60, right: 60, top: 40, bottom: 40 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const n = Math.max(timeline.length, 1);
  const maxRate = Math.max(1, ...timeline.map((s) => s.ok + s.refused + s.failed));
  const maxP95 = Math.max(1, ...timeline.map((s) => s.p95));
  const barW = plotW / n;
  const y = (v, max) => pad.top + plotH - (v / max) * plotH;
  const bars = timeline
    .map((s, i) => {
      const x = pad.left + i * barW;
      let top = pad.top + plotH;
      return [
        ['ok', '#2e7d32'],
        ['refused', '#f9a825'],
        ['failed', '#c62828'],
      ]
        .map(([key, colour]) => {
          const h = (s[key] / maxRate) * plotH;
          top -= h;
          return h > 0
            ? `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(barW - 1, 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${colour}"/>`
            : '';
        })
        .join('');
    })
    .join('\n');
  const line = timeline
    .map((s, i) => `${(pad.left + (i + 0.5) * barW).toFixed(1)},${y(s.p95, maxP95).toFixed(1)}`)
    .join(' ');
  const text = (x, yy, s, anchor = 'start') =>
    `<text x="${x}" y="${yy}" font-family="sans-serif" font-size="12" text-anchor="${anchor}">${s}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="100%" height="100%" fill="white"/>
${text(pad.left, 20, escapeXml(title))}
${bars}
<polyline points="${line}" fill="none" stroke="#1565c0" stroke-width="2"/>
<line x1="${pad.left}" y1="${pad.top + plotH}" x2="${pad.left + plotW}" y2="${pad.top + plotH}" stroke="black"/>
${text(pad.left - 5, pad.top + 10, `${maxRate}/s`, 'end')}
${text(pad.left - 5, pad.top + plotH, '0', 'end')}
${text(pad.left + plotW + 5, pad.top + 10, `p95 ${Math.round(maxP95)} ms`)}
${text(pad.left, height - 10, `seconds since T0 (0-${n}); bars: requests/s ok (green), refused 4xx (yellow), 5xx or no answer (red); line: p95 latency`)}
</svg>
`;
}

const escapeXml = (s) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);
