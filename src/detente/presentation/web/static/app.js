// detente web app: plain JavaScript over the JSON API (see /openapi.json). Every text from a
// scenario is put in the page with textContent, never as HTML.
'use strict';

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  });
  (children || []).forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return node;
}

function table(headers, rows) {
  const head = el('tr', {}, headers.map((h) => el('th', { text: h })));
  const body = rows.map((r) => el('tr', {}, r.map((c) => el('td', {}, [c]))));
  return el('table', {}, [head, ...body]);
}

function fill(id, children) {
  const node = document.getElementById(id);
  node.replaceChildren(...children);
}

function unavailable(section) {
  return el('p', { class: 'na', text: 'Not available: ' + (section.reason || 'no data') });
}

function outcomeText(outcome) {
  return Object.entries(outcome || {}).map(([k, v]) => k + ': ' + v).join(', ');
}

function quotes(evidence) {
  if (!evidence || !evidence.length) return document.createTextNode('');
  return el('ul', { class: 'quotes' }, evidence.map((q) => el('li', {}, [
    el('q', { text: q.quote }),
    ' — ' + [q.speaker, q.date, q.venue, q.reported_by && 'reported by ' + q.reported_by]
      .filter(Boolean).join(', '),
  ])));
}

async function api(path, options) {
  const response = await fetch(path, options);
  let body = null;
  try { body = await response.json(); } catch (e) { body = { detail: response.statusText }; }
  return { ok: response.ok, status: response.status, body };
}

const PLOT_CONFIG = { responsive: true, displaylogo: false };

function plot(name, figure) {
  const div = document.getElementById('figure-' + name);
  if (!div) return;
  if (!figure) { div.replaceChildren(); div.style.minHeight = '0'; return; }
  Plotly.react(div, figure.data, figure.layout, PLOT_CONFIG);
}

// ---------------------------------------------------------------- index page
async function indexPage() {
  const list = document.getElementById('scenario-list');
  const result = await api('/api/scenarios');
  if (!result.ok) { list.replaceChildren(el('li', { class: 'error', text: result.body.detail })); return; }
  list.replaceChildren(...result.body.scenarios.map((s) => el('li', {}, [
    el('a', { href: '/scenario/' + encodeURIComponent(s.id), text: s.title }),
    ' (' + s.id + ', ' + s.origin + ', as of ' + s.as_of + ', ' + s.outcomes.toLocaleString('en') + ' outcomes)',
  ])));
  document.getElementById('upload-form').addEventListener('submit', upload);
}

async function upload(event) {
  event.preventDefault();
  const file = document.getElementById('upload-file').files[0];
  const status = document.getElementById('upload-result');
  const errors = document.getElementById('upload-errors');
  errors.replaceChildren();
  if (!file) { status.textContent = 'Choose a YAML file first.'; return; }
  if (file.size > 1048576) { status.textContent = 'The file is larger than 1 MB.'; return; }
  const text = await file.text();
  status.textContent = 'Checking ' + file.name + '…';
  const result = await api('/api/scenarios', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: file.name, text }),
  });
  if (result.ok) {
    const s = result.body.scenario;
    status.replaceChildren('Loaded: ', el('a', { href: '/scenario/' + encodeURIComponent(s.id), id: 'uploaded-link', text: s.title }));
    return;
  }
  status.textContent = result.body.detail || ('Upload failed (' + result.status + ')');
  if (typeof status.textContent !== 'string') status.textContent = 'Upload failed (' + result.status + ')';
  (result.body.diagnostics || []).forEach((d) => {
    const where = d.line ? 'line ' + d.line + (d.column ? ', column ' + d.column : '') : 'file';
    errors.append(el('li', { class: 'diagnostic', text: file.name + ': ' + where + ': ' + (d.path ? d.path + ': ' : '') + d.message }));
  });
}

// ------------------------------------------------------------- scenario page
const state = { id: null, doc: null, parameters: {}, redLines: {}, timer: null, sent: 0 };

async function scenarioPage() {
  state.id = decodeURIComponent(location.pathname.split('/').pop());
  const result = await api('/api/scenarios/' + encodeURIComponent(state.id));
  if (!result.ok) {
    fill('load-error', [el('p', { class: 'error', text: result.body.detail || 'cannot load the scenario' })]);
    document.getElementById('title').textContent = 'Scenario not available';
    return;
  }
  const { document: doc, figures } = result.body;
  state.doc = doc;
  document.title = doc.case.title + ' — detente';
  document.getElementById('title').textContent = doc.case.title;
  document.getElementById('subtitle').textContent = 'Scenario ' + doc.case.id + ', as of ' + doc.case.as_of;
  document.getElementById('summary-text').textContent = doc.case.summary;
  document.getElementById('judgment').textContent = doc.case.judgment_note ? 'Judgment, not fact: ' + doc.case.judgment_note : '';
  renderParties(doc); renderIssues(doc); renderTimeline(doc);
  renderSpace(doc.space, figures.space);
  renderNoDeal(doc.analysis);
  renderDefinitions(doc.analysis); renderForecast(doc.forecast); renderSimulation(doc.simulation);
  renderSensitivity(doc.analysis);
  ['timeline', 'forecast', 'simulation', 'outcomes', 'tornado'].forEach((n) => plot(n, figures[n]));
  buildWhatIf(doc);
}

function renderParties(doc) {
  fill('parties-table', [table(['Party', 'Role', 'People', 'No-deal value', 'Weights', 'Red lines'], doc.parties.map((p) => [
    p.name + ' (' + p.id + ')', p.role, p.people.map((x) => x.name + (x.title ? ' (' + x.title + ')' : '')).join('; '),
    p.reservation === null ? '' : String(p.reservation),
    Object.entries(p.weights).map(([k, w]) => k + ' ' + w.toFixed(2)).join(', '),
    p.red_lines.map((r) => r.condition + ' — ' + r.text).join(' | '),
  ]))]);
}

function renderIssues(doc) {
  fill('issues-table', [table(['Issue', 'Options (least to most)', 'Status quo'], doc.issues.map((i) => [
    i.label + ' (' + i.id + ')', i.options.map((o) => o.label).join(' < '), i.status_quo || '',
  ]))]);
}

function renderTimeline(doc) {
  fill('timeline-table', [table(['Date', 'Who', 'What', 'Statement and evidence'], doc.timeline.map((t) => [
    t.date + (t.date_end ? ' – ' + t.date_end : ''), t.party_name,
    t.type + ': ' + t.kind + (t.condition ? ' [' + t.condition + ']' : '') + t.effects.map((e) => ' effect ' + e).join(''),
    el('div', {}, [t.text, quotes(t.evidence)]),
  ]))]);
}

function renderSpace(space, figure) {
  if (!space.available) { fill('solutions', [unavailable(space)]); return; }
  document.getElementById('zopa-count').textContent = String(space.zopa);
  plot('space', figure);
  renderSolutions(space.solutions, space.names);
}

function renderSolutions(solutions, names) {
  if (solutions === null || solutions === undefined) {
    fill('solutions', [el('p', { class: 'na', text: 'Not available: bargaining solutions need the analysis engine.' })]);
    return;
  }
  const rows = Object.entries(solutions);
  if (!rows.length) { fill('solutions', [el('p', { id: 'no-solution', text: 'No bargaining solution: there is no zone of possible agreement.' })]); return; }
  const t = table(['Solution', 'Outcome', names[0], names[1]], rows.map(([name, s]) => [
    name, outcomeText(s.outcome), s.x.toFixed(3), s.y.toFixed(3)]));
  t.id = 'solutions-table';
  rows.forEach(([name, s], k) => t.rows[k + 1].setAttribute('data-solution', name));
  fill('solutions', [t]);
}

function renderNoDeal(analysis) {
  if (!analysis.available) { fill('conflicts', [unavailable(analysis)]); fill('bridges', []); return; }
  const conflicts = (analysis.conflicts && analysis.conflicts.conflicts) || [];
  const zopa = analysis.counts ? analysis.counts.zopa : 0;
  fill('conflicts', zopa > 0
    ? [el('p', { text: 'There is a zone of possible agreement of ' + zopa + ' outcomes.' })]
    : conflicts.map((c) => el('div', {}, [el('p', { text: c.sentence }),
      el('ul', {}, c.requirements.map((r) => el('li', {}, [r.party_name + ' — ' + r.kind + ' ' + r.id + ': ' + r.text, quotes(r.evidence)])))])));
  const bridges = analysis.bridges ? analysis.bridges.bridges : [];
  fill('bridges', bridges.length ? [el('h3', { text: 'Bridges, ranked by the cost to the mover' }),
    table(['Move', 'ZOPA', 'Deal it makes possible', 'Cost to the mover'], bridges.map((b) => [
      b.move.description, String(b.zopa), outcomeText(b.deal.outcome), b.mover_cost.toFixed(3)]))] : []);
}

function renderDefinitions(analysis) {
  if (!analysis.available) { fill('definitions-body', [unavailable(analysis)]); return; }
  fill('definitions-body', (analysis.definitions || []).map((g) => el('div', {}, [
    el('h3', { text: '“' + g.term + '”' }),
    table(['Party', 'Meaning', 'Outcomes'], g.meanings.map((m) => [m.party_name, el('div', {}, [m.condition + ' — ' + m.text, quotes(m.evidence)]), String(m.size)])),
    ...g.overlaps.map((o) => el('p', { text: o.a + ' and ' + o.b + ' share ' + o.shared + ' outcomes; ' + o.only_a + ' only in ' + o.a + "'s reading, " + o.only_b + ' only in ' + o.b + "'s." })),
  ])));
}

function renderForecast(forecast) {
  if (!forecast.available) { fill('forecast-body', [unavailable(forecast)]); return; }
  fill('forecast-body', [table(['Issue', 'Forecast', 'Stopped'], forecast.issues.map((i) => [i.label, i.forecast.option + ' (' + i.forecast.value.toFixed(2) + ')', i.stop.reason]))]);
}

function renderSimulation(sim) {
  if (!sim.available) { fill('simulation-body', [unavailable(sim)]); return; }
  fill('simulation-body', [table(['Setting', 'Agreement rate', '95% interval'], sim.arms.map((a) => [
    a.variant, (100 * a.agreement_rate).toFixed(1) + '%', (100 * a.agreement_interval_95[0]).toFixed(1) + '–' + (100 * a.agreement_interval_95[1]).toFixed(1) + '%']))]);
}

function renderSensitivity(analysis) {
  if (!analysis.available || !analysis.sensitivity) {
    fill('sensitivity-body', [unavailable(analysis.available ? { reason: 'no parameter samples' } : analysis)]);
    return;
  }
  const s = analysis.sensitivity;
  fill('sensitivity-body', [el('p', { text: 'Probability that a ZOPA exists over ' + s.samples + ' samples: ' + (100 * s.zopa_probability).toFixed(0) + '%.' })]);
}

// ------------------------------------------------------------------ what-if
function numberControl(label, path, value, min, max, step) {
  const id = 'param-' + path.replace(/[^A-Za-z0-9_]/g, '-');
  const range = el('input', { type: 'range', min, max, step, value, 'aria-label': label + ' (slider)' });
  const input = el('input', { type: 'number', min, max, step, value, id, 'data-path': path });
  const set = (v, source) => {
    if (source !== range) range.value = v;
    if (source !== input) input.value = v;
    state.parameters[path] = Number(v);
    scheduleWhatIf();
  };
  range.addEventListener('input', () => set(range.value, range));
  input.addEventListener('change', () => set(input.value, input));
  return el('label', { for: id }, [label + ' ', input, range]);
}

function buildWhatIf(doc) {
  const controls = [];
  doc.parties.filter((p) => p.role === 'principal').forEach((p) => {
    controls.push(el('h3', { text: p.name }));
    controls.push(numberControl('no-deal value', 'preferences.' + p.id + '.reservation', p.reservation, 0, 1, 0.005));
    const details = el('details', {}, [el('summary', { text: 'weights' })]);
    Object.entries(p.weights).forEach(([issue, w]) => details.append(
      numberControl(issue, 'preferences.' + p.id + '.weights.' + issue, w.toFixed(3), 0, 1, 0.01)));
    controls.push(details);
    p.red_lines.forEach((r) => {
      const key = p.id + ':' + r.id;
      const box = el('input', { type: 'checkbox', id: 'redline-' + key.replace(/[^A-Za-z0-9_]/g, '-'), 'data-red-line': key });
      box.checked = true;
      box.addEventListener('change', () => { state.redLines[key] = box.checked; scheduleWhatIf(); });
      controls.push(el('label', { title: r.text }, [box, ' keep red line ' + r.id]));
    });
  });
  fill('whatif-controls', controls);
  document.getElementById('whatif-reset').addEventListener('click', () => location.reload());
}

function scheduleWhatIf() {
  clearTimeout(state.timer);
  state.timer = setTimeout(runWhatIf, 150);
}

async function runWhatIf() {
  const status = document.getElementById('whatif-status');
  status.textContent = 'Recomputing…';
  const sent = ++state.sent;
  const result = await api('/api/scenarios/' + encodeURIComponent(state.id) + '/whatif', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ parameters: state.parameters, red_lines: state.redLines }),
  });
  if (sent !== state.sent) return; // a newer what-if is on its way
  if (!result.ok) {
    status.textContent = 'Error: ' + (typeof result.body.detail === 'string' ? result.body.detail : JSON.stringify(result.body.detail));
    return;
  }
  const w = result.body;
  document.getElementById('zopa-count').textContent = String(w.zopa);
  if (w.figure) plot('space', w.figure);
  renderSolutions(w.solutions, state.doc.space.names);
  renderNoDeal(w.analysis);
  status.textContent = 'Updated in ' + w.elapsed_ms.toFixed(0) + ' ms (server time).';
  status.setAttribute('data-zopa', String(w.zopa));
  const reservation = w.reservations[state.doc.case.principals[1]];
  if (reservation !== undefined) status.setAttribute('data-reservation', String(reservation));
}

document.addEventListener('DOMContentLoaded', () => {
  const page = document.body.dataset.page;
  if (page === 'index') indexPage();
  else if (page === 'scenario') scenarioPage();
});
