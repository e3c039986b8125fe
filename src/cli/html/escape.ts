/** Escapes text for HTML and SVG content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A coordinate rounded to a tenth of a pixel: short, stable SVG text. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** The colour of a stage owner: the two teams the pipeline joins, and what they share. */
export function ownerColour(owner: string): string {
  if (owner === 'marketing') return '#3f6fa8';
  if (owner === 'sales') return '#c46a2f';
  return '#6f8a4a';
}

// A palette readable on white and distinguishable for the common forms of colour blindness
// (Okabe–Ito), for groups and stages.
const palette = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#555555'];

/** The n-th colour of the palette, cycling. */
export function seriesColour(index: number): string {
  return palette[index % palette.length] ?? '#555555';
}
