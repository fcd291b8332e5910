// Differential test of Ledgerline's patch engine against @sanity/mutator (the reference).
//   node tests/differential/run.mjs --tool build/tests/tools/patch_tool [--cases N] [--seed S]
//        [--focus dmp]   (only text documents and diffMatchPatch patches: fuzzy matching)
// Generates seeded random documents + patch sequences, applies them with mutator and with
// patch_tool, and compares (JSON deep-equal; a mutator exception must be an error for us too).
// Prints mismatches, then `N passed, N failed` last; exits 1 on any mismatch.
import {spawnSync} from 'node:child_process'
import {Mutation, extract} from '@sanity/mutator'
import {makeRandom, randomDocument, randomPatch, randomTextCase} from './generate.mjs'

const SYSTEM_FIELDS = ['_id', '_type', '_rev', '_createdAt', '_updatedAt']

// Deliberate deviations (see DEVIATIONS below for the reasons). Cases hitting one either expect
// an error from us where mutator is lenient, or are not compared (counted separately).
const DEVIATIONS = {
  'shape': 'malformed operation values (non-number inc/dec, items not an array, several insert ' +
    'locations, non-object maps) are 400s for us; mutator coerces or ignores them',
  'inc-non-number': 'inc/dec of an existing non-number is a 400 (spec); mutator leaves it as is',
  'insert-container': 'insert into a missing or non-array container is a 400 (spec); mutator no-ops',
  'system-field': 'patches may not change _id/_type/_rev/_createdAt/_updatedAt (spec)',
  'unbalanced-brackets': 'a path whose brackets do not balance (`a[`, `a]]`) is a 400 for us; ' +
    'mutator reads `a]]` as `a` and `a[` as an empty selection, silently addressing something else',
  'probe-selector': 'negative index / open range followed by a sub-path (`items[-1].qty`): mutator ' +
    'throws "must have a probe"; we resolve it against the array (not compared)',
  'range-subpath-repeat': 'range followed by a sub-path: mutator applies the operation once per ' +
    'index in the range to every element (inc twice, ...); we apply it once (not compared)',
  'set-past-end': 'set at an index past the end: mutator pads the array with holes; we skip (not compared)',
  'empty-range-replace': 'insert.replace of an empty range (client.splice insert-only): mutator ' +
    'duplicates the array; we insert at the range start (not compared)',
  'wildcard': '`[*]`: mutator rejects the token; we select every element (not compared)',
  'lone-surrogates': 'a fuzzy text patch can split a surrogate pair; our strings are UTF-8, so the ' +
    'half becomes U+FFFD (results are compared that way; later patches on such text are not compared)',
  'single-quoted-literal': "`[_key=='k']`: mutator only takes double-quoted literals; we take " +
    'both (compared against mutator with the literal rewritten to double quotes)',
}

// Rewrites `op 'literal'` to `op "literal"` in every path of a patch, for mutator.
const SINGLE_QUOTED_LITERAL = /(==|!=|<=|>=|<|>)(\s*)'([^'"\\]*)'/g
const ANY_SINGLE_QUOTED_LITERAL = /(==|!=|<=|>=|<|>)\s*'/
function doubleQuoteLiterals(patch) {
  const fix = (path) => (typeof path === 'string' ? path.replace(SINGLE_QUOTED_LITERAL, '$1$2"$3"') : path)
  const out = {...patch}
  for (const op of ['set', 'setIfMissing', 'inc', 'dec', 'diffMatchPatch']) {
    if (!isObj(patch[op])) continue
    out[op] = Object.fromEntries(Object.entries(patch[op]).map(([k, v]) => [fix(k), v]))
    // Two spellings of one path would collapse into one key: not comparable.
    if (Object.keys(out[op]).length !== Object.keys(patch[op]).length) return null
  }
  if (Array.isArray(patch.unset)) out.unset = patch.unset.map(fix)
  if (isObj(patch.insert)) {
    out.insert = {...patch.insert}
    for (const k of ['before', 'after', 'replace']) if (k in out.insert) out.insert[k] = fix(out.insert[k])
  }
  return out
}

function parseArgs(argv) {
  const args = {cases: 5000, seed: 1, tool: 'build/tests/tools/patch_tool', verbose: false, focus: 'all'}
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--tool') args.tool = argv[++i]
    else if (a === '--cases') args.cases = Number(argv[++i])
    else if (a === '--seed') args.seed = Number(argv[++i])
    else if (a === '--verbose') args.verbose = true
    else if (a === '--focus') args.focus = argv[++i]  // all | dmp (text documents, dmp patches only)
    else throw new Error(`unknown argument ${a}`)
  }
  return args
}

const clone = (v) => structuredClone(v)

function applyMutator(doc, patch) {
  return new Mutation({mutations: [{patch: {...patch, id: doc._id}}]}).apply(clone(doc))
}

const subset = (patch, keys) => Object.fromEntries(Object.entries(patch).filter(([k]) => keys.includes(k)))
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)

function shapeProblem(p) {
  for (const op of ['set', 'setIfMissing', 'inc', 'dec', 'diffMatchPatch']) {
    if (p[op] !== undefined && p[op] !== null && !isObj(p[op])) return true
  }
  for (const op of ['inc', 'dec']) {
    if (isObj(p[op]) && Object.values(p[op]).some((v) => typeof v !== 'number')) return true
  }
  if (isObj(p.diffMatchPatch) && Object.values(p.diffMatchPatch).some((v) => typeof v !== 'string')) return true
  if (p.insert) {
    const locations = ['before', 'after', 'replace'].filter((k) => k in p.insert)
    if (locations.length !== 1 || !Array.isArray(p.insert.items)) return true
  }
  return false
}

function opPaths(p) {
  const out = []
  for (const op of ['set', 'setIfMissing', 'inc', 'dec', 'diffMatchPatch']) {
    if (isObj(p[op])) for (const path of Object.keys(p[op])) out.push({op, path})
  }
  if (Array.isArray(p.unset)) for (const path of p.unset) out.push({op: 'unset', path})
  if (p.insert) for (const k of ['before', 'after', 'replace']) if (k in p.insert) out.push({op: 'insert', path: p.insert[k]})
  return out
}

function hasLoneSurrogates(v) {
  if (typeof v === 'string') return !v.isWellFormed()
  if (Array.isArray(v)) return v.some(hasLoneSurrogates)
  return isObj(v) && Object.values(v).some(hasLoneSurrogates)
}

function hasHoles(v) {
  if (Array.isArray(v)) {
    // Holes, or properties like "-1" (mutator's set at a negative index past the start).
    if (Object.keys(v).length !== v.length) return true
    for (let i = 0; i < v.length; i++) if (!(i in v) || hasHoles(v[i])) return true
    return false
  }
  return isObj(v) && Object.values(v).some(hasHoles)
}

const tryExtract = (path, doc) => {
  try {
    return extract(path, doc)
  } catch {
    return null
  }
}

function emptyReplaceRange(p, before) {
  const m = typeof p.insert?.replace === 'string' && p.insert.replace.match(/^(.*)\[(-?\d*):(-?\d*)\]$/s)
  if (!m) return false
  const containers = tryExtract(m[1], before) || []
  return containers.some((arr) => {
    if (!Array.isArray(arr)) return false
    const norm = (s, dflt) => (s === '' || Number(s) === 0 ? dflt : Number(s) < 0 ? Number(s) + arr.length : Number(s))
    return norm(m[2], 0) >= norm(m[3], arr.length)
  })
}

// Does a `set` path end in an index/range/union selector reaching past the end of its array?
function setsPastEnd(p, state) {
  if (!isObj(p.set)) return false
  // Each set path is checked against the document as the earlier set entries left it.
  return Object.keys(p.set).some((path, k) => {
    let before
    try {
      const partial = subset(p, ['setIfMissing'])
      partial.set = Object.fromEntries(Object.entries(p.set).slice(0, k))
      before = applyMutator(state, partial)
    } catch {
      return false
    }
    const m = path.match(/^(.*)\[([^[\]]*)\]$/s)
    if (!m) return false
    const parts = m[2].split(',').map((part) => part.trim()).filter((part) => /^-?\d*(:-?\d*)?$/.test(part))
    const containers = tryExtract(m[1], before) || []
    return containers.some((arr) => Array.isArray(arr) && parts.some((part) => {
      const [a, b] = part.split(':')
      if (b === undefined) return Number(a) >= arr.length
      return b !== '' && Number(b) > arr.length
    }))
  })
}

// True when the `[`/`]` outside quoted literals pair up.
function bracketsBalance(path) {
  const bare = String(path).replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '')
  let open = 0
  for (const c of bare) {
    if (c === '[') open++
    else if (c === ']' && --open < 0) return false
  }
  return open === 0
}

// What we must produce: {error: reason} | {doc} | {skip: deviation}.
function expectation(doc, patches) {
  let state = clone(doc)
  for (const original of patches) {
    if (hasLoneSurrogates(state)) return {skip: 'lone-surrogates'}
    const p = doubleQuoteLiterals(original)
    if (!p) return {skip: 'single-quoted-literal (same path spelled twice)'}
    if (opPaths(p).some(({path}) => ANY_SINGLE_QUOTED_LITERAL.test(String(path)))) {
      return {skip: 'single-quoted-literal (holds a quote, not rewritable)'}
    }
    const paths = opPaths(p)
    if (paths.some(({path}) => String(path).includes('[*]'))) return {skip: 'wildcard'}
    if (paths.some(({path}) => !bracketsBalance(path))) return {error: 'unbalanced-brackets'}
    if (shapeProblem(p)) return {error: 'shape'}
    if (setsPastEnd(p, state)) return {skip: 'set-past-end'}
    let next
    try {
      next = applyMutator(state, p)
    } catch (e) {
      if (/probe/.test(e.message)) return {skip: 'probe-selector'}
      return {error: `mutator: ${e.message}`}
    }
    if (hasHoles(next)) return {skip: 'set-past-end'}
    if (paths.some(({op, path}) => op !== 'set' && op !== 'setIfMissing' && /\[-?\d*:-?\d*\][.[]/.test(path))) {
      return {skip: 'range-subpath-repeat'}
    }
    if (p.inc || p.dec) {
      // Check each inc/dec path against the document as the earlier entries left it.
      // (extract yields `undefined` for negative indexes past the start; inc skips those)
      const entries = [...Object.entries(p.inc || {}).map((e) => ['inc', ...e]),
        ...Object.entries(p.dec || {}).map((e) => ['dec', ...e])]
      const nonNumber = (v) => v !== undefined && typeof v !== 'number'
      for (let k = 0; k < entries.length; k++) {
        const partial = subset(p, ['setIfMissing', 'set', 'unset', 'diffMatchPatch'])
        for (const [op, path, amount] of entries.slice(0, k)) partial[op] = {...partial[op], [path]: amount}
        const before = applyMutator(state, partial)
        if ((tryExtract(entries[k][1], before) || []).some(nonNumber)) return {error: 'inc-non-number'}
      }
    }
    if (p.insert) {
      const before = applyMutator(state, subset(p, ['setIfMissing', 'set', 'unset', 'diffMatchPatch', 'inc', 'dec']))
      const selector = p.insert.before ?? p.insert.after ?? p.insert.replace
      const container = String(selector).replace(/\[[^[\]]*\]$/, '')
      const found = tryExtract(container, before)
      if (found && (found.length === 0 || found.some((v) => !Array.isArray(v)))) return {error: 'insert-container'}
      if (emptyReplaceRange(p, before)) return {skip: 'empty-range-replace'}
    }
    if (SYSTEM_FIELDS.some((f) => JSON.stringify(state[f]) !== JSON.stringify(next[f]))) {
      return {error: 'system-field'}
    }
    state = next
  }
  return {doc: normalize(state)}
}

// Our strings are valid UTF-8, so lone surrogates a fuzzy patch may leave become U+FFFD.
function normalize(v) {
  return JSON.parse(JSON.stringify(v, (k, x) => (typeof x === 'string' ? x.toWellFormed() : x)))
}

function deepEqual(a, b) {
  if (a === b) return true
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]))
  const ka = Object.keys(a), kb = Object.keys(b)
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
}

function main() {
  const args = parseArgs(process.argv)
  const started = Date.now()
  const rnd = makeRandom(args.seed)
  const cases = []
  for (let i = 0; i < args.cases; i++) {
    if (args.focus === 'dmp') {
      cases.push(randomTextCase(rnd))
      continue
    }
    const doc = randomDocument(rnd)
    const patches = []
    let current = doc
    for (let n = rnd.int(1, 3); n > 0; n--) {
      const patch = randomPatch(rnd, current)
      patches.push(patch)
      try {
        current = applyMutator(current, patch)
      } catch {
        // keep generating against the last good state
      }
    }
    cases.push({doc, patches})
  }
  const input = cases.map((c) => JSON.stringify(c)).join('\n') + '\n'
  const run = spawnSync(args.tool, [], {input, maxBuffer: 1 << 30, encoding: 'utf8'})
  if (run.status !== 0) {
    console.error(`patch_tool failed (status ${run.status}, signal ${run.signal}):\n${run.stderr}`)
    console.log(`0 passed, ${args.cases} failed`)
    process.exit(1)
  }
  const outputs = run.stdout.split('\n').filter((l) => l.length > 0)
  let passed = 0, failed = 0, comparedDocs = 0
  const skipped = {}, expectedErrors = {}
  cases.forEach((c, i) => {
    if (JSON.stringify(c.patches).match(SINGLE_QUOTED_LITERAL)) {
      skipped['single-quoted-literal (compared)'] = (skipped['single-quoted-literal (compared)'] || 0) + 1
    }
    const want = expectation(c.doc, c.patches)
    if (want.skip) {
      skipped[want.skip] = (skipped[want.skip] || 0) + 1
      return
    }
    let got
    try {
      got = JSON.parse(outputs[i])
    } catch {
      got = {unparseable: outputs[i]}
    }
    const gotError = isObj(got) && typeof got.error === 'string' && Object.keys(got).length === 1
    const ok = want.error ? gotError : !gotError && deepEqual(got, want.doc)
    if (want.error && ok) {
      const reason = want.error.startsWith('mutator') ? 'mutator threw (not a deviation)' : want.error
      expectedErrors[reason] = (expectedErrors[reason] || 0) + 1
    }
    if (ok) {
      if (!want.error) comparedDocs++
      passed++
      return
    }
    failed++
    if (failed <= 15 || args.verbose) {
      console.log(`MISMATCH case ${i} (seed ${args.seed})`)
      console.log(`  input:    ${JSON.stringify(c)}`)
      console.log(`  mutator:  ${want.error ? `error (${want.error})` : JSON.stringify(want.doc)}`)
      console.log(`  ours:     ${outputs[i]}`)
    }
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(`errors expected: ${JSON.stringify(expectedErrors)}`)
  console.log(`deviations: ${JSON.stringify(skipped)}`)
  console.log(`${args.cases} cases (${comparedDocs} equal documents), seed ${args.seed}, ${seconds}s`)
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed > 0 ? 1 : 0)
}

main()

export {DEVIATIONS}
