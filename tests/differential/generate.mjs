// Seeded random documents and patch sequences for the patch differential test: every operation,
// every path form (attributes, indexes incl. negative, ranges, keyed and value constraints,
// unions, recursive descent), nested keyed arrays, unicode strings and real dmp patches.
import {makePatches, stringifyPatches} from '@sanity/diff-match-patch'
import GoogleDiffMatchPatch from 'diff-match-patch'

export function makeRandom(seed) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
  }
  return r
}

const PIECES = [
  'a', 'b', 'c', 'hello', 'world', ' ', ' ', 'the ', 'quick', 'brown', 'fox', '.', ',', '\n',
  'é', 'ß', 'ñ', 'Ω', '日本', '語', '😀', '👍🏽', '𝄞', 'e\u0301', '"', '\\', '%', '#', '+', '&',
  '?', '/', '\t', 'Ä', '€', '∑', 'ℓ', '0', '42', '-', '_',
]

export function randomString(rnd, maxPieces = 8) {
  let s = ''
  const n = rnd.int(0, maxPieces)
  for (let i = 0; i < n; i++) s += rnd.pick(PIECES)
  return s
}

function randomScalar(rnd) {
  switch (rnd.int(0, 6)) {
    case 0: return null
    case 1: return rnd.chance(0.5)
    case 2: return rnd.int(-100, 100)
    case 3: return rnd.int(-1000, 1000) / 8
    default: return randomString(rnd, 4)
  }
}

export function randomValue(rnd, depth = 0) {
  const kind = depth > 2 ? 0 : rnd.int(0, 5)
  if (kind <= 3) return randomScalar(rnd)
  if (kind === 4) {
    const out = {}
    for (let i = rnd.int(0, 3); i > 0; i--) out[rnd.pick(['x', 'y', 'z', 'name', 'v'])] = randomValue(rnd, depth + 1)
    return out
  }
  return Array.from({length: rnd.int(0, 3)}, () => randomValue(rnd, depth + 1))
}

let keyCounter = 0
const newKey = (rnd) => rnd.pick(['k', 's', 'q']) + (keyCounter++ % 7)

function randomItem(rnd, depth) {
  const item = {_key: newKey(rnd), name: randomString(rnd, 3), qty: rnd.int(0, 9)}
  if (rnd.chance(0.3)) item.price = rnd.int(0, 500) / 4
  if (rnd.chance(0.2)) delete item.qty
  if (rnd.chance(0.15)) item.qty = String(item.qty ?? 'x')
  if (depth < 2 && rnd.chance(0.6)) item.sub = Array.from({length: rnd.int(0, 3)}, () => randomItem(rnd, depth + 1))
  return item
}

export function randomDocument(rnd) {
  keyCounter = rnd.int(0, 6)
  const doc = {_id: 'doc-' + rnd.int(1, 9), _type: rnd.pick(['bill', 'product']), _rev: 'r' + rnd.int(1, 99)}
  if (rnd.chance(0.5)) doc._createdAt = '2024-01-01T00:00:00Z'
  if (rnd.chance(0.8)) doc.title = randomString(rnd, 10)
  if (rnd.chance(0.5)) doc.body = randomString(rnd, 30)
  if (rnd.chance(0.7)) doc.n = rnd.chance(0.8) ? rnd.int(-5, 50) : rnd.int(-100, 100) / 4
  if (rnd.chance(0.7)) doc.tags = Array.from({length: rnd.int(0, 5)}, () => randomString(rnd, 2))
  if (rnd.chance(0.8)) doc.items = Array.from({length: rnd.int(0, 4)}, () => randomItem(rnd, 0))
  if (rnd.chance(0.6)) {
    doc.meta = {a: {b: rnd.int(0, 9), c: randomString(rnd, 3)}, flag: rnd.chance(0.5), nothing: null}
  }
  if (rnd.chance(0.3)) doc.nums = Array.from({length: rnd.int(0, 4)}, () => rnd.int(0, 20))
  if (rnd.chance(0.2)) doc['ünï'] = randomString(rnd, 3)
  return doc
}

// Paths that exist in `doc` (walked), with `kind` = the value's JSON type.
function collectPaths(value, prefix, out, rnd, depth = 0) {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
  if (prefix) out.push({path: prefix, type, value})
  if (depth > 4) return
  if (type === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (depth === 0 && k.startsWith('_') && rnd.chance(0.9)) continue  // system fields: rarely
      const seg = /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k) ? k : `'${k}'`
      const joined = prefix ? (seg.startsWith("'") ? `${prefix}[${seg}]` : `${prefix}.${seg}`) : seg
      collectPaths(v, joined, out, rnd, depth + 1)
    }
  } else if (type === 'array') {
    value.forEach((item, i) => {
      let seg = `[${i}]`
      if (item && typeof item === 'object' && typeof item._key === 'string') {
        seg = rnd.chance(0.5) ? `[_key=="${item._key}"]` : rnd.chance(0.5) ? `[_key=='${item._key}']` : seg
      }
      collectPaths(item, prefix + seg, out, rnd, depth + 1)
    })
  }
}

const SELECTORS = ['[0]', '[1]', '[-1]', '[-2]', '[9]', '[-9]', '[1:3]', '[0:2]', '[2:]', '[:-1]',
  '[:2]', '[-2:]', '[0,2]', '[1,0]', '[_key=="k1"]', '[_key=="zz"]', '[qty > 3]', '[qty <= 2]',
  '[name == "a"]', '[price?]', '[@ > 5]', '[@ == "a"]', '[]', '[_key=="k1",_key=="s2"]',
  '[qty != 3]', '[qty >= "3"]', '[name > "b"]', '[sub?]', '[1,_key=="k2"]', '[price < 50.5]', '[0][0]']

function arrayPaths(paths) {
  return paths.filter((p) => p.type === 'array').map((p) => p.path)
}

export function randomPath(rnd, doc, wanted) {
  const paths = []
  collectPaths(doc, '', paths, rnd)
  const typed = wanted ? paths.filter((p) => wanted.includes(p.type)) : paths
  const roll = rnd.next()
  if (roll < 0.6 && typed.length) return rnd.pick(typed).path
  if (roll < 0.85) {
    const arrays = arrayPaths(paths)
    const base = arrays.length && rnd.chance(0.9) ? rnd.pick(arrays) : rnd.pick(['tags', 'items', 'missing'])
    const selector = rnd.pick(SELECTORS)
    // Negative/open selectors followed by a sub-path are a mutator error (not compared): keep few.
    const tailChance = /-|:\]/.test(selector) ? 0.08 : 0.4
    const tail = rnd.chance(tailChance) ? rnd.pick(['.name', '.qty', '.sub', '.sub[0].v', '.price', '.x']) : ''
    return base + selector + tail
  }
  if (roll < 0.93) return rnd.pick(['missing', 'missing.deep.x', 'meta.a.z', 'title.x', 'meta.nothing.x', 'n.y', 'meta.a'])
  if (roll < 0.97) return rnd.pick(['..qty', '..name', 'items..v', '..[_key=="k1"].qty', 'meta..b'])
  return rnd.pick(['', 'a b', 'a.', 'a[', 'x[1:', 'tags[*]', "'quoted key'", 'a.true', '  title', 'a[0]]'])
}

function mutateString(rnd, s) {
  const chars = Array.from(s)  // code points, so patches never hold lone surrogates
  for (let edits = rnd.int(1, 4); edits > 0; edits--) {
    const at = rnd.int(0, chars.length)
    const op = rnd.int(0, 2)
    if (op === 0 || chars.length === 0) chars.splice(at, 0, ...Array.from(randomString(rnd, 3)))
    else if (op === 1) chars.splice(at, rnd.int(1, 4))
    else chars.splice(at, rnd.int(1, 3), ...Array.from(randomString(rnd, 2)))
  }
  return chars.join('')
}

const google = new GoogleDiffMatchPatch()

// Hand-rolled hunks with arbitrary (often wrong) offsets and contexts: stresses fuzzy placement.
function syntheticDmpPatch(rnd, base) {
  let text = ''
  for (let hunks = rnd.int(1, 3); hunks > 0; hunks--) {
    const num = () => String(rnd.chance(0.8) ? rnd.int(0, 60) : rnd.int(0, 100000))
    const len = () => rnd.pick(['', ',0', ',1', ',' + rnd.int(2, 40)])
    text += `@@ -${num()}${len()} +${num()}${len()} @@\n`
    const chars = Array.from(base)
    for (let lines = rnd.int(1, 5); lines > 0; lines--) {
      const from = rnd.int(0, chars.length)
      const piece = rnd.chance(0.6) ? chars.slice(from, from + rnd.int(1, 12)).join('') : randomString(rnd, 3)
      text += rnd.pick([' ', ' ', '-', '+']) + encodeURI(piece).replace(/%20/g, ' ') + '\n'
    }
  }
  return text
}

export function randomDmpPatch(rnd, current) {
  // (a fuzzy patch earlier in the case may have left lone surrogates, which encodeURI refuses)
  const base = typeof current === 'string' ? current.toWellFormed() : randomString(rnd, 10)
  // Sometimes the patch was made against a slightly different text: fuzzy application.
  const origin = rnd.chance(0.25) ? mutateString(rnd, base) : base
  if (rnd.chance(0.15)) return syntheticDmpPatch(rnd, origin)
  const target = mutateString(rnd, origin)
  if (rnd.chance(0.2)) {
    try {
      return google.patch_toText(google.patch_make(origin, target))  // UTF-16 offsets: fuzzy path
    } catch {
      // it splits surrogate pairs, which encodeURI refuses; fall back to the Sanity flavour
    }
  }
  try {
    return stringifyPatches(makePatches(origin, target))
  } catch {
    return ''  // its context margins can split a surrogate pair too; an empty patch is a no-op
  }
}

const pickOps = (rnd) => ['setIfMissing', 'set', 'unset', 'diffMatchPatch', 'inc', 'dec', 'insert']
  .filter(() => rnd.chance(0.3))

export function randomPatch(rnd, doc) {
  const patch = {}
  let ops = pickOps(rnd)
  if (ops.length === 0) ops = [rnd.pick(['set', 'insert', 'diffMatchPatch', 'unset', 'inc'])]
  for (const op of ops) {
    const count = rnd.chance(0.7) ? 1 : rnd.int(2, 3)
    if (op === 'set' || op === 'setIfMissing') {
      patch[op] = {}
      for (let i = 0; i < count; i++) patch[op][randomPath(rnd, doc)] = randomValue(rnd)
    } else if (op === 'unset') {
      patch.unset = Array.from({length: count}, () => randomPath(rnd, doc))
    } else if (op === 'inc' || op === 'dec') {
      patch[op] = {}
      for (let i = 0; i < count; i++) {
        const paths = []
        collectPaths(doc, '', paths, rnd)
        const numbers = paths.filter((p) => p.type === 'number')
        const path = numbers.length && rnd.chance(0.7) ? rnd.pick(numbers).path : randomPath(rnd, doc, ['number'])
        patch[op][path] = rnd.chance(0.8) ? rnd.int(-5, 5) : rnd.int(-20, 20) / 4
      }
    } else if (op === 'diffMatchPatch') {
      patch.diffMatchPatch = {}
      for (let i = 0; i < count; i++) {
        const paths = []
        collectPaths(doc, '', paths, rnd)
        const strings = paths.filter((p) => p.type === 'string')
        const chosen = strings.length && rnd.chance(0.85) ? rnd.pick(strings) : {path: randomPath(rnd, doc), value: undefined}
        patch.diffMatchPatch[chosen.path] = randomDmpPatch(rnd, chosen.value)
      }
    } else if (op === 'insert') {
      const paths = []
      collectPaths(doc, '', paths, rnd)
      const arrays = arrayPaths(paths)
      const container = arrays.length && rnd.chance(0.9) ? rnd.pick(arrays) : rnd.pick(['missing', 'title', 'meta'])
      const selector = rnd.pick(['[0]', '[-1]', '[-1]', '[1]', '[-2]', '[5]', '[_key=="k1"]', '[_key=="k2"]',
        '[1:3]', '[0:1]', '[2:2]', '[:2]', '[1:]', '[0,1]'])
      const location = rnd.pick(['before', 'after', 'after', 'replace'])
      const items = Array.from({length: rnd.int(0, 3)}, () =>
        rnd.chance(0.6) ? {_key: newKey(rnd), name: randomString(rnd, 2)} : randomScalar(rnd))
      patch.insert = {[location]: container + selector, items}
    }
  }
  maybeBreakShape(rnd, patch)
  return patch
}

// A few malformed operations (errors on both sides, or documented deviations).
function maybeBreakShape(rnd, patch) {
  if (!rnd.chance(0.04)) return
  switch (rnd.int(0, 5)) {
    case 0: patch.insert = {before: 'tags[0]', after: 'tags[-1]', items: ['x']}; break
    case 1: patch.insert = {after: 'tags[-1]'}; break
    case 2: patch.inc = {n: 'one'}; break
    case 3: patch.diffMatchPatch = {title: '@@ -1,3 +1,3 @@\n-abc\n*abd\n'}; break
    case 4: patch.diffMatchPatch = {title: '@@ garbage @@\n'}; break
    default: patch.diffMatchPatch = {title: '@@ -1,3 +1,3 @@\n-a%E0%A4\n+b\n'}; break
  }
}

// A long-ish text document with one or two diffMatchPatch patches (for `--focus dmp`).
export function randomTextCase(rnd) {
  let t = ''
  for (let k = rnd.int(0, 12); k > 0; k--) t += randomString(rnd, 10)
  const patches = [{diffMatchPatch: {t: randomDmpPatch(rnd, t)}}]
  if (rnd.chance(0.3)) patches.push({diffMatchPatch: {t: randomDmpPatch(rnd, t)}})
  return {doc: {_id: 'text', t}, patches}
}
