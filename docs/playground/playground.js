// The txdefer playground: runs a program under a trace of every Deferred, then draws the
// trace record by record (drawSvg of the records up to the current one), so a learner can
// step forwards and backwards through the firing. Loads the built package from dist/.
import * as txdefer from '../../dist/index.mjs';
import * as teaching from '../../dist/teaching.mjs';
import { PRESETS } from './presets.js';

const $ = (id) => document.getElementById(id);

/** What the page holds: the last run's records, output and error, and the step shown. */
const state = { records: [], output: [], error: undefined, position: 0 };

function show(value) {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Run `code` with every name of txdefer and txdefer/teaching in scope, under a trace of every Deferred. */
export function runProgram(code) {
  const output = [];
  const log = (...args) => output.push(args.map(show).join(' '));
  const names = { ...txdefer, ...teaching, log };
  const trace = teaching.traceAll();
  let error;
  try {
    new Function(...Object.keys(names), code)(...Object.values(names));
  } catch (thrown) {
    error = thrown;
  } finally {
    trace.stop();
  }
  return { records: teaching.renumbered(trace), output, error };
}

/** A record as a sentence. */
export function describeRecord(record) {
  const d = `Deferred #${record.deferred}`;
  switch (record.type) {
    case 'created': return `${d} is seen for the first time${record.label ? ` ('${record.label}')` : ''}.`;
    case 'added': return `${d}: pair ${record.pair} added: callback ${record.callback ?? '(pass)'}, errback ${record.errback ?? '(pass)'}${record.role === 'pair' ? '' : ` [${record.role}${record.target === undefined ? '' : ` #${record.target}`}]`}.`;
    case 'fired': return `${d} fired: ${record.column} with ${record.value.repr}${record.by === undefined ? '' : ` (by the link of #${record.by})`}.`;
    case 'step': return `${d}, pair ${record.pair}: the ${record.column} half${record.fn === null ? ' lets the result by' : ` runs ${record.fn}`}: ${record.input.repr} → ${record.output?.repr ?? '…'}${record.switched ? ` (switches to the ${record.outColumn}s)` : ''}${record.threw ? ' (it threw)' : ''}.`;
    case 'waiting': return `${d} waits on Deferred #${record.on}.`;
    case 'resumed': return `${d} resumes: Deferred #${record.from} hands it ${record.value.repr}.`;
    case 'chained': return `${d}: chainDeferred(#${record.target}).`;
    case 'paused': case 'unpaused': return `${d} ${record.type} (count ${record.count}).`;
    case 'cancelled': return `${d}: cancel() (${record.state}${record.canceller ? `, canceller ${record.canceller}` : ''}).`;
    case 'yielded': return `${d}: the generator yields ${record.on === undefined ? 'a value' : `Deferred #${record.on}`}.`;
    default: return JSON.stringify(record);
  }
}

/** Show the firing up to record `position` (0: before anything happened). */
export function goTo(position) {
  state.position = Math.max(0, Math.min(position, state.records.length));
  const shown = state.records.slice(0, state.position);
  $('position').textContent = `${state.position} / ${state.records.length}`;
  $('svg').innerHTML = shown.length === 0 ? '<p>Press Forward ▶ to step through the firing.</p>' : teaching.drawSvg(shown);
  $('ladder').textContent = shown.length === 0 ? '' : teaching.drawLadder(shown);
  const current = shown[shown.length - 1];
  $('record').textContent = current === undefined ? 'Nothing has happened yet.' : `${current.seq}. ${describeRecord(current)}`;
  if (current?.type === 'step') {
    const box = document.querySelector(`#svg g[data-deferred="${current.deferred}"] rect[data-pair="${current.pair}"][data-column="${current.column}"]`);
    box?.classList.add('current');
  }
  for (const [id, disabled] of [['first', state.position === 0], ['back', state.position === 0], ['forward', state.position === state.records.length], ['last', state.position === state.records.length]]) {
    $(id).disabled = disabled;
  }
}

/** Run the program in the editor and show its first record. */
export function run() {
  const { records, output, error } = runProgram($('code').value);
  Object.assign(state, { records, output, error });
  $('output').textContent = output.join('\n');
  $('error').hidden = error === undefined;
  $('error').textContent = error === undefined ? '' : `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`;
  goTo(records.length === 0 ? 0 : 1);
}

function choose(name) {
  const preset = PRESETS.find((candidate) => candidate.name === name) ?? PRESETS[0];
  $('preset').value = preset.name;
  $('code').value = preset.code;
  run();
}

for (const preset of PRESETS) $('preset').append(new Option(preset.title, preset.name));
$('preset').addEventListener('change', () => choose($('preset').value));
$('run').addEventListener('click', run);
$('first').addEventListener('click', () => goTo(0));
$('back').addEventListener('click', () => goTo(state.position - 1));
$('forward').addEventListener('click', () => goTo(state.position + 1));
$('last').addEventListener('click', () => goTo(state.records.length));
document.addEventListener('keydown', (event) => {
  if (event.target === $('code')) return;
  if (event.key === 'ArrowRight') goTo(state.position + 1);
  if (event.key === 'ArrowLeft') goTo(state.position - 1);
});

// For the browser spec (spec/playground/run.mjs) and the curious: the page's state and verbs.
window.playground = { state, run, goTo, choose, presets: PRESETS.map((preset) => preset.name) };
choose(new URLSearchParams(location.search).get('preset') ?? PRESETS[0].name);
