import { LEVEL_COLOURS, TONE_COLOURS } from "../view/labels.ts";

// One inline stylesheet: the document must open offline, by mail or from a file share,
// and print on A4 with each section on a new page and table headers repeated.

const levelRules = Object.entries(LEVEL_COLOURS)
  .map(([level, colour]) => `.level-${level}{background:${colour}}`)
  .join("\n");

const toneRules = Object.entries(TONE_COLOURS)
  .map(([tone, colour]) => `.tone-${tone}{color:${colour}}`)
  .join("\n");

export const STYLE = `
*{box-sizing:border-box}
html{font-family:Roboto,"Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif;color:#1d2330;background:#fff}
body{margin:0 auto;max-width:1040px;padding:24px 32px;font-size:14px;line-height:1.45}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:28px 0 8px;border-bottom:2px solid #2f5d9e;padding-bottom:4px}
h3{font-size:15px;margin:20px 0 8px;color:#2f5d9e}
.subtitle{color:#5b6270;margin:0}
.lead{margin:4px 0 12px}
.empty{color:#5b6270;font-style:italic}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}
th,td{border-bottom:1px solid #d9dde5;padding:5px 8px;text-align:left;vertical-align:top}
thead th{background:#eef1f6;border-bottom:2px solid #b9c1cf;font-weight:600}
tbody th{font-weight:500}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.previous{color:#5b6270}
.nowrap{white-space:nowrap}
.mono,code{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px}
code{background:#f2f4f8;padding:0 3px;border-radius:3px}
.change{white-space:nowrap;font-weight:600}
.arrow{width:10px;height:10px;margin-right:3px;vertical-align:-1px;fill:currentColor}
${toneRules}
.level{display:inline-block;color:#fff;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600}
${levelRules}
.was{color:#5b6270;font-size:12px}
.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:12px 0}
.tile{border:1px solid #d9dde5;border-radius:6px;padding:10px 12px;break-inside:avoid}
.tile-label{font-size:12px;color:#5b6270;min-height:2.6em}
.tile-value{font-size:22px;font-weight:700;font-variant-numeric:tabular-nums}
.tile-change{font-size:13px;min-height:1.4em}
.tile-previous{font-size:12px;color:#5b6270}
.headlines{padding-left:18px}
.charts{display:grid;grid-template-columns:repeat(2,1fr);gap:12px}
.chart{margin:0;border:1px solid #e4e7ee;border-radius:6px;padding:4px;break-inside:avoid}
.chart svg{display:block;width:100%;height:auto}
.missed{margin:0;padding-left:16px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@page{size:A4;margin:14mm 12mm}
@media print{
  body{max-width:none;padding:0;font-size:11px}
  section{break-before:page}
  section.summary{break-before:auto}
  h2,h3{break-after:avoid}
  thead{display:table-header-group}
  tr{break-inside:avoid}
  a{color:inherit;text-decoration:none}
  .tiles{grid-template-columns:repeat(4,1fr);gap:8px}
}
`;
