// Replaces kafkajs 2.2.4's src/producer/partitioners/default/murmur2.js (see
// stack/patch-kafkajs.mjs): the hash of a message key that picks its
// partition, the same as the Java client's. The original did the hash's
// 32-bit arithmetic in BigInt-backed 64-bit Longs, several allocations per
// four bytes of key, and copied every string key into a new Buffer first.
// This version computes in 32-bit integers (Math.imul), as the Java client
// does, and writes string keys into one reused buffer. The hashes are the
// original's (test/unit/kafka/partitioner-hash.test.ts).
const SEED = 0x9747b28c
const M = 0x5bd1e995
const R = 24

let scratch = Buffer.allocUnsafe(256)

/** The key's bytes: a Buffer as it is, anything else as UTF-8 in the shared scratch buffer. */
const bytesOf = key => {
  if (Buffer.isBuffer(key)) return { data: key, length: key.length }
  const text = String(key)
  const needed = Buffer.byteLength(text, 'utf8')
  if (needed > scratch.length) scratch = Buffer.allocUnsafe(Math.max(needed, scratch.length * 2))
  return { data: scratch, length: scratch.write(text, 0, needed, 'utf8') }
}

module.exports = key => {
  const { data, length } = bytesOf(key)
  let h = SEED ^ length
  const whole = length & ~3
  for (let i = 0; i < whole; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)
    k = Math.imul(k, M)
    k ^= k >>> R
    k = Math.imul(k, M)
    h = Math.imul(h, M) ^ k
  }
  switch (length & 3) {
    case 3:
      h ^= data[whole + 2] << 16
    // falls through
    case 2:
      h ^= data[whole + 1] << 8
    // falls through
    case 1:
      h ^= data[whole]
      h = Math.imul(h, M)
  }
  h ^= h >>> 13
  h = Math.imul(h, M)
  h ^= h >>> 15
  return h | 0
}
